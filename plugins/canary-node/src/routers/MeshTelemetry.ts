/**
 * Where one flavour of a mesh's proxies reports requests, with the real metric and label names:
 * the built-in analysis metrics and the mesh health card read them. A mesh may have several
 * flavours (SMI TrafficSplits are served by Linkerd or OSM, whose telemetry differs).
 *
 * @public
 */
export interface MeshTelemetry {
  /** The flavour's name, e.g. `istio`, `linkerd`, `nginx`: the `metrics` of a provider choice. */
  name: string;
  /**
   * The PromQL templates of the built-in analysis metrics (`request-success-rate`: percentage of
   * non-5xx answers, 0-100; `request-duration`: p99 in milliseconds), in renderMetricTemplate's
   * `{{ namespace }}`, `{{ target }}`, `{{ service }}`, `{{ interval }}` placeholders. A query
   * that names `{{ target }}` (the workload) can be asked of the primary too (analysis charts).
   */
  builtinQueries: {
    'request-success-rate': string;
    'request-duration': string;
  };
  /**
   * Per-workload request telemetry for the mesh health card; absent when the flavour reports
   * per route or Service only (an ingress, Envoy clusters): then health reads the
   * application's own histogram (`http_request_duration_seconds`), as Flagger's `kubernetes`
   * built-ins do.
   */
  health?: MeshHealthTelemetry;
}

/**
 * A mesh's destination-side request metrics, per workload (see MeshTelemetry's `health`).
 *
 * @public
 */
export interface MeshHealthTelemetry {
  /** Request counter, e.g. `istio_requests_total`. */
  requests: string;
  /** Latency histogram buckets, e.g. `istio_request_duration_milliseconds_bucket`. */
  buckets: string;
  /** PromQL appended to a quantile to make it milliseconds (`' * 1000'` for seconds), or `''`. */
  toMilliseconds: string;
  /** The label holding the HTTP status code. */
  code: string;
  /**
   * The label matchers (without braces) selecting the workloads of `namespace` whose names
   * match the regex `workloads`.
   */
  selector(namespace: string, workloads: string): string;
  /** The label naming the workload of each series. */
  workloadLabel: string;
  /**
   * Where the same series name the calling workload (Kiali's inbound traffic), or why they
   * cannot; absent is the same as unavailable with a generic reason.
   */
  callers?:
    | { sourceWorkloadLabel: string; sourceNamespaceLabel: string }
    | { unavailable: string };
}
