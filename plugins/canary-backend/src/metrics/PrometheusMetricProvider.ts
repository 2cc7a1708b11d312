import type {
  MetricProvider,
  MetricQueryResult,
  NoData,
} from '@vane/plugin-canary-node';
import { fetch as undiciFetch, type Dispatcher } from 'undici';

/** What one request adds: credentials (re-read from their files) and the TLS trust to use. */
export interface PrometheusRequestAccess {
  /** Where to send it, when known only once connected (the API server of a kubeconfig). */
  baseUrl?: string;
  headers?: Record<string, string>;
  /** An undici Agent with the CA or skip-verify settings; Node's defaults when absent. */
  dispatcher?: Dispatcher;
}

/** How to reach one cluster's Prometheus. */
export interface PrometheusMetricProviderOptions {
  /** Base URL, e.g. `http://prometheus.monitoring:9090` (a path prefix is kept). */
  url: string;
  /** How long one query may take; Flagger's default is 5 s. */
  timeoutMs?: number;
  /** Extra request headers, e.g. a tenant header. */
  headers?: Record<string, string>;
  /**
   * Asked before every request, so rotated credential files and refreshed cluster tokens are
   * used; a rejection is a query without data that says why.
   */
  access?: () => Promise<PrometheusRequestAccess>;
  /** How reasons name this Prometheus (default `Prometheus at <url>`). */
  description?: string;
}

interface PrometheusResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

function noData(reason: string): NoData {
  return { noData: true, reason: `no data: ${reason}` };
}

/** One series of an instant query: its labels and value. */
export interface LabelledSample {
  labels: Record<string, string>;
  value: number;
}

/** One series of a range query: its labels and `[unix seconds, value]` points, oldest first. */
export interface LabelledSeries {
  labels: Record<string, string>;
  values: Array<[number, number]>;
}

/** A `[time, "value"]` sample as a finite number pair, or undefined for NaN, ±Inf or junk. */
function sampleOf(sample: unknown): [number, number] | undefined {
  if (!Array.isArray(sample) || typeof sample[1] !== 'string') {
    return undefined;
  }
  const value = Number(sample[1]);
  return Number.isFinite(value) ? [Number(sample[0]), value] : undefined;
}

/**
 * Runs analysis queries against Prometheus's HTTP API (`/api/v1/query`, an instant query; the
 * portal's charts and health also use `queryVector` and `queryRange`).
 * Every way of not having one number (no series, NaN, several series, an error, no answer) comes
 * back as NoData with the reason, never as 0: the engine must not promote on missing data.
 */
export class PrometheusMetricProvider implements MetricProvider {
  readonly type = 'prometheus';
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly access?: () => Promise<PrometheusRequestAccess>;
  /** `Prometheus at <url>`, or how the service proxy reaches it. */
  readonly description: string;

  constructor(options: PrometheusMetricProviderOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.headers = { accept: 'application/json', ...options.headers };
    this.access = options.access;
    this.description = options.description ?? `Prometheus at ${this.url}`;
  }

  async query(query: string): Promise<MetricQueryResult> {
    const data = await this.request('query', { query });
    return 'noData' in data ? data : this.valueOf(data);
  }

  /**
   * An instant query that may return many series (e.g. `sum by (destination_workload)`): each
   * series' labels and value. No series is an empty list (no traffic), not an error; a sample
   * that is NaN or infinite is left out, as it carries no number.
   */
  async queryVector(query: string): Promise<LabelledSample[] | NoData> {
    const data = await this.request('query', { query });
    if ('noData' in data) return data;
    if (data.resultType !== 'vector') {
      return noData(
        `the query returned a ${
          data.resultType ?? 'result of unknown type'
        }, expected an instant vector`,
      );
    }
    const series = Array.isArray(data.result) ? data.result : [];
    return series.flatMap((item: { metric?: any; value?: unknown }) => {
      const point = sampleOf(item.value);
      return point ? [{ labels: item.metric ?? {}, value: point[1] }] : [];
    });
  }

  /**
   * A range query (`/api/v1/query_range`) from `start` to `end` every `stepSeconds`: each series'
   * labels and its `[unix seconds, value]` points, NaN and infinite points left out (a gap in a
   * chart, not a zero).
   */
  async queryRange(
    query: string,
    range: { start: Date; end: Date; stepSeconds: number },
  ): Promise<LabelledSeries[] | NoData> {
    const data = await this.request('query_range', {
      query,
      start: (range.start.getTime() / 1000).toFixed(3),
      end: (range.end.getTime() / 1000).toFixed(3),
      step: `${range.stepSeconds}`,
    });
    if ('noData' in data) return data;
    if (data.resultType !== 'matrix') {
      return noData(
        `the range query returned a ${
          data.resultType ?? 'result of unknown type'
        }, expected a range vector (matrix)`,
      );
    }
    const series = Array.isArray(data.result) ? data.result : [];
    return series.map((item: { metric?: any; values?: unknown }) => ({
      labels: item.metric ?? {},
      values: (Array.isArray(item.values) ? item.values : []).flatMap(value => {
        const point = sampleOf(value);
        return point ? [point] : [];
      }),
    }));
  }

  /** Sends one query to the HTTP API; every failure becomes NoData with the reason. */
  private async request(
    api: 'query' | 'query_range',
    params: Record<string, string>,
  ): Promise<{ resultType?: string; result?: unknown } | NoData> {
    // Templates may span lines; Prometheus accepts that, but one line reads better in its logs.
    const search = new URLSearchParams({
      ...params,
      query: params.query.replace(/\s+/g, ' ').trim(),
    });
    let access: PrometheusRequestAccess = {};
    try {
      access = (await this.access?.()) ?? {};
    } catch (error) {
      return noData(
        `${this.description}: cannot prepare the request: ${
          (error as Error).message
        }`,
      );
    }
    const endpoint = `${access.baseUrl ?? this.url}/api/v1/${api}?${search}`;
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      response = await undiciFetch(endpoint, {
        headers: { ...this.headers, ...access.headers },
        signal: AbortSignal.timeout(this.timeoutMs),
        dispatcher: access.dispatcher,
      });
    } catch (error) {
      return noData(
        `${this.description} is unreachable: ${this.describeFailure(error)}`,
      );
    }

    const text = await response.text().catch(() => '');
    let body: PrometheusResponse | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }

    if (body?.status === 'error') {
      return noData(
        `${this.description} rejected the query (${
          body.errorType ?? `HTTP ${response.status}`
        }): ${body.error ?? 'no reason given'}`,
      );
    }
    // One line in a Canary's reason: Prometheus ends its plain-text answers with a newline.
    const excerpt = text.trim() ? `: ${text.trim().slice(0, 200)}` : '';
    if (response.status === 401 || response.status === 403) {
      return noData(
        `${this.description} refused the credentials: HTTP ${response.status} ${response.statusText}${excerpt}`,
      );
    }
    if (!response.ok) {
      return noData(
        `${this.description} is unreachable: HTTP ${response.status} ${response.statusText}${excerpt}`,
      );
    }
    if (!body || body.status !== 'success' || !body.data) {
      return noData(
        `${
          this.description
        } answered something other than a query result: ${text.slice(0, 200)}`,
      );
    }
    return body.data;
  }

  async isOnline(): Promise<boolean> {
    return (await this.query('vector(1)')) === 1;
  }

  private valueOf(data: {
    resultType?: string;
    result?: unknown;
  }): MetricQueryResult {
    let sample: unknown;
    if (data.resultType === 'vector') {
      const series = Array.isArray(data.result) ? data.result : [];
      if (series.length === 0) {
        return noData('the query returned no series; is there traffic?');
      }
      if (series.length > 1) {
        return noData(
          `the query returned ${series.length} series, expected one; aggregate it (sum, avg, max, ...)`,
        );
      }
      sample = (series[0] as { value?: unknown }).value;
    } else if (data.resultType === 'scalar') {
      sample = data.result;
    } else {
      return noData(
        `the query returned a ${
          data.resultType ?? 'result of unknown type'
        }, expected an instant vector or scalar (no range selector outside a function)`,
      );
    }

    const raw = Array.isArray(sample) ? sample[1] : undefined;
    // Prometheus writes sample values as strings, infinities as +Inf/-Inf.
    const value =
      typeof raw === 'string'
        ? Number(raw.replace(/^([+-]?)Inf$/, '$1Infinity'))
        : Number.NaN;
    if (typeof raw !== 'string' || raw === 'NaN' || Number.isNaN(value)) {
      return noData('the value is NaN (no requests in the interval)');
    }
    if (!Number.isFinite(value)) {
      return noData(
        `the value is ${raw} (a quantile beyond the highest histogram bucket, or a division by zero)`,
      );
    }
    return value;
  }

  private describeFailure(error: unknown): string {
    // An AbortSignal.timeout() abort is a DOMException, not always an Error of this realm.
    if ((error as { name?: string })?.name === 'TimeoutError') {
      return `no answer within ${this.timeoutMs} ms`;
    }
    const cause = (error as { cause?: { code?: string; message?: string } })
      ?.cause;
    if (cause?.code) return `${cause.code} ${cause.message ?? ''}`.trim();
    return error instanceof Error ? error.message : String(error);
  }
}
