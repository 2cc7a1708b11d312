import { createBuiltinMeshRegistry } from '../createBuiltinMeshRegistry';
import { renderBuiltinMetricQuery } from '../../metrics/renderBuiltinMetricQuery';

describe('kumaMesh', () => {
  const registry = createBuiltinMeshRegistry();
  const choose = (specProvider?: string) =>
    registry.choose({
      specProvider,
      apiGroups: ['kuma.io'],
      clusterName: 'lab',
    });

  it("is chosen by Flagger's kuma, and discovered where Kuma's API is served", () => {
    expect(choose('kuma').provider).toBe('kuma');
    expect(choose()).toMatchObject({ provider: 'kuma', source: 'discovery' });
  });

  it("measures Flagger's kuma queries: the Envoy upstream requests of the canary Service's data plane proxies, and their p99 in ms", () => {
    const { metrics } = choose('kuma');
    expect(metrics.telemetry?.health).toBeUndefined();
    // The canary Service is named after spec.service.name (here frontend), as the proxies' service tag.
    const model = {
      namespace: 'test',
      name: 'podinfo',
      target: 'podinfo',
      service: 'frontend',
      interval: '1m',
    };
    expect(
      renderBuiltinMetricQuery(metrics, 'request-success-rate', model),
    ).toBe(
      'sum(rate(envoy_cluster_upstream_rq{service=~"frontend-canary_test_svc_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[1m])) / sum(rate(envoy_cluster_upstream_rq{service=~"frontend-canary_test_svc_[0-9a-zA-Z-]+"}[1m])) * 100',
    );
    expect(renderBuiltinMetricQuery(metrics, 'request-duration', model)).toBe(
      'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{service=~"frontend-canary_test_svc_[0-9a-zA-Z-]+"}[1m])) by (le))',
    );
  });
});
