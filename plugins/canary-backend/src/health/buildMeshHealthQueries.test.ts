import { buildMeshHealthQueries } from './buildMeshHealthQueries';

const build = (
  metricsFlavour: string,
  workloads = ['podinfo-primary', 'podinfo'],
) =>
  buildMeshHealthQueries({
    metricsFlavour,
    namespace: 'test',
    workloads,
    window: '5m',
    seriesRate: '60s',
  });

describe('buildMeshHealthQueries', () => {
  it("reads Istio's destination-side requests per workload, as the built-in analysis does", () => {
    const sel =
      'reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo-primary|podinfo"';
    const queries = build('istio');
    expect(queries).toEqual({
      workloadLabel: 'destination_workload',
      requestsPerSecond: `sum by (destination_workload) (rate(istio_requests_total{${sel}}[5m]))`,
      errors5xxPerSecond: `sum by (destination_workload) (rate(istio_requests_total{${sel},response_code=~"5.."}[5m]))`,
      errors4xxPerSecond: `sum by (destination_workload) (rate(istio_requests_total{${sel},response_code=~"4.."}[5m]))`,
      p50: `histogram_quantile(0.5, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[5m])))`,
      p90: `histogram_quantile(0.9, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[5m])))`,
      p99: `histogram_quantile(0.99, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[5m])))`,
      series: {
        requestsPerSecond: `sum by (destination_workload) (rate(istio_requests_total{${sel}}[60s]))`,
        successRate: `100 * (1 - ((sum by (destination_workload) (rate(istio_requests_total{${sel},response_code=~"5.."}[60s])) or sum by (destination_workload) (rate(istio_requests_total{${sel}}[60s])) * 0) / sum by (destination_workload) (rate(istio_requests_total{${sel}}[60s]))))`,
        p50: `histogram_quantile(0.5, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[60s])))`,
        p99: `histogram_quantile(0.99, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[60s])))`,
      },
    });
  });

  it.each(['linkerd', 'smi'])(
    "reads Linkerd's inbound responses for %s",
    flavour => {
      const queries = build(flavour);
      expect(queries.workloadLabel).toBe('deployment');
      expect(queries.errors5xxPerSecond).toBe(
        'sum by (deployment) (rate(response_total{namespace="test",deployment=~"podinfo-primary|podinfo",direction="inbound",status_code=~"5.."}[5m]))',
      );
      expect(queries.p99).toBe(
        'histogram_quantile(0.99, sum by (deployment, le) (rate(response_latency_ms_bucket{namespace="test",deployment=~"podinfo-primary|podinfo",direction="inbound"}[5m])))',
      );
    },
  );

  it("reads OSM's requests by destination Deployment", () => {
    expect(build('osm').requestsPerSecond).toBe(
      'sum by (destination_name) (rate(osm_request_total{destination_namespace="test",destination_kind="Deployment",destination_name=~"podinfo-primary|podinfo"}[5m]))',
    );
  });

  it.each(['kubernetes', 'gatewayapi', 'a-module-mesh'])(
    "for %s, reads the application's histogram, naming the workload from the pod, in ms",
    flavour => {
      const queries = build(flavour, ['podinfo']);
      const pods = '(podinfo)-[0-9a-zA-Z]+-[0-9a-zA-Z]+';
      expect(queries.workloadLabel).toBe('workload');
      expect(queries.errors4xxPerSecond).toBe(
        `sum by (workload) (label_replace(rate(http_request_duration_seconds_count{kubernetes_namespace="test",kubernetes_pod_name=~"${pods}",status=~"4.."}[5m]), "workload", "$1", "kubernetes_pod_name", "${pods}"))`,
      );
      expect(queries.p50).toBe(
        `histogram_quantile(0.5, sum by (workload, le) (label_replace(rate(http_request_duration_seconds_bucket{kubernetes_namespace="test",kubernetes_pod_name=~"${pods}"}[5m]), "workload", "$1", "kubernetes_pod_name", "${pods}"))) * 1000`,
      );
    },
  );

  it('matches a dotted Deployment name literally, not as a regex wildcard', () => {
    expect(build('istio', ['web.v2']).requestsPerSecond).toContain(
      'destination_workload=~"web\\\\.v2"',
    );
  });
});
