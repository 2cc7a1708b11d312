import { builtinMetricsFlavour } from '../testing/builtinMetricsFlavour';
import { buildMeshHealthQueries } from './buildMeshHealthQueries';

const build = (
  metricsFlavour: string,
  workloads = ['podinfo-primary', 'podinfo'],
  clusterRunsIstio = false,
) =>
  buildMeshHealthQueries({
    metrics: builtinMetricsFlavour(metricsFlavour),
    namespace: 'test',
    workloads,
    window: '5m',
    seriesRate: '60s',
    sidecars: clusterRunsIstio
      ? builtinMetricsFlavour('istio').telemetry?.health
      : undefined,
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
      callers: {
        telemetry: 'istio',
        workloadLabel: 'destination_workload',
        sourceWorkloadLabel: 'source_workload',
        sourceNamespaceLabel: 'source_workload_namespace',
        requestsPerSecond: `sum by (destination_workload, source_workload, source_workload_namespace) (rate(istio_requests_total{${sel}}[5m]))`,
        errors5xxPerSecond: `sum by (destination_workload, source_workload, source_workload_namespace) (rate(istio_requests_total{${sel},response_code=~"5.."}[5m]))`,
        p99: `histogram_quantile(0.99, sum by (destination_workload, source_workload, source_workload_namespace, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[5m])))`,
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

  it.each(['linkerd', 'smi'])(
    'says callers are not available for %s, whose inbound metrics name no calling workload, even where Istio runs',
    flavour => {
      expect(build(flavour, undefined, true).callers).toEqual({
        unavailable:
          "callers not available for Linkerd: linkerd-proxy's inbound metrics name no calling workload (at most the client's TLS identity)",
      });
    },
  );

  it("reads OSM's requests by destination Deployment, and its callers by source name and namespace", () => {
    const sel =
      'destination_namespace="test",destination_kind="Deployment",destination_name=~"podinfo-primary|podinfo"';
    const queries = build('osm');
    expect(queries.requestsPerSecond).toBe(
      `sum by (destination_name) (rate(osm_request_total{${sel}}[5m]))`,
    );
    expect(queries.callers).toEqual({
      telemetry: 'osm',
      workloadLabel: 'destination_name',
      sourceWorkloadLabel: 'source_name',
      sourceNamespaceLabel: 'source_namespace',
      requestsPerSecond: `sum by (destination_name, source_name, source_namespace) (rate(osm_request_total{${sel}}[5m]))`,
      errors5xxPerSecond: `sum by (destination_name, source_name, source_namespace) (rate(osm_request_total{${sel},response_code=~"5.."}[5m]))`,
      p99: `histogram_quantile(0.99, sum by (destination_name, source_name, source_namespace, le) (rate(osm_request_duration_ms_bucket{${sel}}[5m])))`,
    });
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

  it.each(['kubernetes', 'gatewayapi'])(
    "for %s, reads the callers from Istio's sidecars where the cluster runs Istio, and says they are not available where not",
    flavour => {
      const withIstio = build(flavour, ['checkout'], true).callers;
      expect(withIstio).toMatchObject({
        telemetry: 'istio',
        requestsPerSecond:
          'sum by (destination_workload, source_workload, source_workload_namespace) (rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"checkout"}[5m]))',
      });
      expect(build(flavour, ['checkout'], false).callers).toEqual({
        unavailable: `callers not available for ${flavour}: its health comes from the application's own metrics (http_request_duration_seconds), which name no caller, and the cluster runs no Istio (networking.istio.io) whose telemetry would`,
      });
    },
  );

  it('matches a dotted Deployment name literally, not as a regex wildcard', () => {
    const queries = build('istio', ['web.v2']);
    expect(queries.requestsPerSecond).toContain(
      'destination_workload=~"web\\\\.v2"',
    );
    expect(queries.callers).toMatchObject({
      requestsPerSecond: expect.stringContaining(
        'destination_workload=~"web\\\\.v2"',
      ),
    });
  });
});
