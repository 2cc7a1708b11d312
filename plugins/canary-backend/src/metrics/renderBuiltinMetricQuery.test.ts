import { createBuiltinMeshRegistry } from '../meshes/createBuiltinMeshRegistry';
import { builtinMetricsFlavour } from '../testing/builtinMetricsFlavour';
import { renderBuiltinMetricQuery } from './renderBuiltinMetricQuery';

// The seed walkthrough: Deployment podinfo in namespace test, metrics over one minute.
const podinfo = {
  namespace: 'test',
  name: 'podinfo',
  target: 'podinfo',
  interval: '1m',
};
const render = (metrics: string, metric: string) =>
  renderBuiltinMetricQuery(builtinMetricsFlavour(metrics), metric, podinfo);
// The telemetry a Canary with this spec.provider is measured with on a cluster serving `apiGroups`.
const renderFor = (provider: string, apiGroups: string[], metric: string) =>
  renderBuiltinMetricQuery(
    createBuiltinMeshRegistry().choose({
      specProvider: provider,
      apiGroups,
      clusterName: 'lab',
    }).metrics,
    metric,
    podinfo,
  );

describe('renderBuiltinMetricQuery', () => {
  it('istio: success rate and p99 duration of requests the canary workload received', () => {
    expect(render('istio', 'request-success-rate')).toBe(
      'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo",response_code!~"5.*"}[1m])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo"}[1m])) * 100',
    );
    expect(render('istio', 'request-duration')).toBe(
      'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo"}[1m])) by (le))',
    );
  });

  it('linkerd (and smi): inbound responses of the canary Deployment', () => {
    const successRate =
      'sum(rate(response_total{namespace="test",deployment=~"podinfo",classification!="failure",direction="inbound"}[1m])) / sum(rate(response_total{namespace="test",deployment=~"podinfo",direction="inbound"}[1m])) * 100';
    const duration =
      'histogram_quantile(0.99, sum(rate(response_latency_ms_bucket{namespace="test",deployment=~"podinfo",direction="inbound"}[1m])) by (le))';
    expect(render('linkerd', 'request-success-rate')).toBe(successRate);
    expect(render('linkerd', 'request-duration')).toBe(duration);
    const smi = ['split.smi-spec.io'];
    expect(renderFor('smi', smi, 'request-success-rate')).toBe(successRate);
    expect(renderFor('smi', smi, 'request-duration')).toBe(duration);
    expect(renderFor('linkerd', smi, 'request-duration')).toBe(duration);
  });

  it('osm: requests to the canary Deployment', () => {
    expect(render('osm', 'request-success-rate')).toBe(
      'sum(rate(osm_request_total{destination_namespace="test",destination_kind="Deployment",destination_name="podinfo",response_code!~"5.*"}[1m])) / sum(rate(osm_request_total{destination_namespace="test",destination_kind="Deployment",destination_name="podinfo"}[1m])) * 100',
    );
    expect(render('osm', 'request-duration')).toBe(
      'histogram_quantile(0.99, sum(rate(osm_request_duration_ms_bucket{destination_namespace="test",destination_kind="Deployment",destination_name="podinfo"}[1m])) by (le))',
    );
  });

  it('gatewayapi: Envoy upstream stats of the <service>-canary cluster, with the apex Service name', () => {
    const model = { ...podinfo, service: 'frontend' };
    expect(
      renderBuiltinMetricQuery(
        builtinMetricsFlavour('gatewayapi'),
        'request-success-rate',
        model,
      ),
    ).toBe(
      'sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"test_frontend-canary_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[1m])) / sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"test_frontend-canary_[0-9a-zA-Z-]+"}[1m])) * 100',
    );
    expect(render('gatewayapi', 'request-duration')).toBe(
      'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~"test_podinfo-canary_[0-9a-zA-Z-]+"}[1m])) by (le))',
    );
  });

  it("nginx: the ingress-nginx controller's canary requests of the Ingress (spec.ingressRef, else the target's name), duration from its sum and count in ms", () => {
    expect(
      renderBuiltinMetricQuery(
        builtinMetricsFlavour('nginx'),
        'request-success-rate',
        { ...podinfo, ingress: 'podinfo-public' },
      ),
    ).toBe(
      'sum(rate(nginx_ingress_controller_requests{namespace="test",ingress="podinfo-public",canary!="",status!~"5.*"}[1m])) / sum(rate(nginx_ingress_controller_requests{namespace="test",ingress="podinfo-public",canary!=""}[1m])) * 100',
    );
    expect(renderFor('nginx', [], 'request-duration')).toBe(
      'sum(rate(nginx_ingress_controller_response_duration_seconds_sum{namespace="test",ingress="podinfo",canary!=""}[1m])) / sum(rate(nginx_ingress_controller_response_duration_seconds_count{namespace="test",ingress="podinfo",canary!=""}[1m])) * 1000',
    );
  });

  it("contour: Envoy upstream stats of Contour's <namespace>_<service>-canary_<port> cluster", () => {
    const contour = ['projectcontour.io'];
    expect(
      renderBuiltinMetricQuery(
        builtinMetricsFlavour('contour'),
        'request-success-rate',
        { ...podinfo, service: 'frontend' },
      ),
    ).toBe(
      'sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"test_frontend-canary_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[1m])) / sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"test_frontend-canary_[0-9a-zA-Z-]+"}[1m])) * 100',
    );
    expect(renderFor('contour', contour, 'request-duration')).toBe(
      'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~"test_podinfo-canary_[0-9a-zA-Z-]+"}[1m])) by (le))',
    );
  });

  it("kubernetes: the application's own histogram, duration converted from seconds to ms", () => {
    expect(render('kubernetes', 'request-success-rate')).toBe(
      'sum(rate(http_request_duration_seconds_count{kubernetes_namespace="test",kubernetes_pod_name=~"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)",status!~"5.*"}[1m])) / sum(rate(http_request_duration_seconds_count{kubernetes_namespace="test",kubernetes_pod_name=~"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[1m])) * 100',
    );
    expect(render('kubernetes', 'request-duration')).toBe(
      'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{kubernetes_namespace="test",kubernetes_pod_name=~"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[1m])) by (le)) * 1000',
    );
  });

  it('given a metric that is not built in, points to MetricTemplates', () => {
    expect(() => render('istio', 'error-rate')).toThrow(
      'error-rate is not a built-in metric (built-in: request-success-rate, request-duration); give it a query through a MetricTemplate (templateRef)',
    );
  });

  it("given a module's provider without telemetry, points to MetricTemplates", () => {
    expect(() => render('apisix', 'request-success-rate')).toThrow(
      'Provider apisix has no built-in metrics; give metric request-success-rate a query through a MetricTemplate (templateRef)',
    );
  });
});
