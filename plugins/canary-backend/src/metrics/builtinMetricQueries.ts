/**
 * The PromQL of the built-in analysis metrics, per mesh, as templates for renderMetricTemplate.
 * Both measure the canary workload only (`{{ target }}`, the Deployment under test):
 * - `request-success-rate`: the percentage (0-100) of requests that did not answer 5xx;
 * - `request-duration`: the 99th percentile of request duration, in milliseconds.
 *
 * The queries are Flagger's (pkg/metrics/observers), one line each so tests and logs show them
 * exactly as Prometheus receives them. Choices where Flagger has none or Vane differs:
 * - `gatewayapi` reads Envoy's upstream cluster stats, named `<namespace>_<service>_<port>` by
 *   Contour-style implementations, so only traffic the route sends to `<service>-canary` counts
 *   (Flagger reads podinfo's own metrics for Gateway API). Implementations that name clusters
 *   otherwise (Envoy Gateway: `httproute/...`) need a MetricTemplate.
 * - `kubernetes` (no mesh) reads the application's `http_request_duration_seconds` histogram, as
 *   Flagger does; it is converted to milliseconds in the query so every duration is in ms.
 * - `smi` has no telemetry of its own: it takes Linkerd's, the usual data plane behind it.
 */
export const builtinMetricQueries: Readonly<
  Record<string, { 'request-success-rate': string; 'request-duration': string }>
> = {
  istio: {
    'request-success-rate':
      'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload=~"{{ target }}",response_code!~"5.*"}[{{ interval }}])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload=~"{{ target }}"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload=~"{{ target }}"}[{{ interval }}])) by (le))',
  },
  linkerd: {
    'request-success-rate':
      'sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",classification!="failure",direction="inbound"}[{{ interval }}])) / sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",direction="inbound"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(response_latency_ms_bucket{namespace="{{ namespace }}",deployment=~"{{ target }}",direction="inbound"}[{{ interval }}])) by (le))',
  },
  osm: {
    'request-success-rate':
      'sum(rate(osm_request_total{destination_namespace="{{ namespace }}",destination_kind="Deployment",destination_name="{{ target }}",response_code!~"5.*"}[{{ interval }}])) / sum(rate(osm_request_total{destination_namespace="{{ namespace }}",destination_kind="Deployment",destination_name="{{ target }}"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(osm_request_duration_ms_bucket{destination_namespace="{{ namespace }}",destination_kind="Deployment",destination_name="{{ target }}"}[{{ interval }}])) by (le))',
  },
  gatewayapi: {
    'request-success-rate':
      'sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+"}[{{ interval }}])) by (le))',
  },
  kubernetes: {
    'request-success-rate':
      'sum(rate(http_request_duration_seconds_count{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)",status!~"5.*"}[{{ interval }}])) / sum(rate(http_request_duration_seconds_count{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[{{ interval }}])) by (le)) * 1000',
  },
  smi: {
    'request-success-rate':
      'sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",classification!="failure",direction="inbound"}[{{ interval }}])) / sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",direction="inbound"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(response_latency_ms_bucket{namespace="{{ namespace }}",deployment=~"{{ target }}",direction="inbound"}[{{ interval }}])) by (le))',
  },
};
