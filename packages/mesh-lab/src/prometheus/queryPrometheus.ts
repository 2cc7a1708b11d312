/** One sample of an instant-vector answer from Prometheus' HTTP API. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

/** Runs an instant PromQL query against Prometheus' HTTP API (/api/v1/query). */
export async function queryPrometheus(
  prometheusUrl: string,
  promql: string,
  /** A fetch with the credentials and CA of a Prometheus behind `--web.config.file`. */
  fetchImpl: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: URLSearchParams },
  ) => Promise<Response> = fetch,
): Promise<PrometheusSample[]> {
  const res = await fetchImpl(`${prometheusUrl}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: promql }),
  });
  const body = (await res.json()) as any;
  if (!res.ok || body.status !== 'success') {
    throw new Error(`Prometheus query failed (${res.status}): ${body.error ?? ''} for ${promql}`);
  }
  if (body.data.resultType === 'scalar') {
    return [{ metric: {}, value: Number(body.data.result[1]) }];
  }
  return (body.data.result as any[]).map(r => ({ metric: r.metric, value: Number(r.value[1]) }));
}
