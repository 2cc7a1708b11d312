import { createBuiltinMeshRegistry } from '../createBuiltinMeshRegistry';
import { renderBuiltinMetricQuery } from '../../metrics/renderBuiltinMetricQuery';
import { consulMesh } from './consulMesh';

describe('consulMesh', () => {
  const registry = createBuiltinMeshRegistry();
  const choice = registry.choose({
    specProvider: 'consul',
    apiGroups: ['consul.hashicorp.com'],
    clusterName: 'lab',
  });
  // The seed walkthrough's podinfo, behind the apex Service frontend, over one minute.
  const render = (metric: string) =>
    renderBuiltinMetricQuery(choice.metrics, metric, {
      namespace: 'test',
      name: 'podinfo',
      target: 'podinfo',
      service: 'frontend',
      interval: '1m',
    });

  it("success rate: the non-5xx share of what the callers' sidecars sent to the canary's Consul service", () => {
    expect(render('request-success-rate')).toBe(
      'sum(rate(envoy_cluster_upstream_rq_xx{consul_destination_service="frontend-canary",envoy_response_code_class!="5"}[1m])) / sum(rate(envoy_cluster_upstream_rq_xx{consul_destination_service="frontend-canary"}[1m])) * 100',
    );
  });

  it('duration: the p99 of their upstream request time, in ms as Envoy records it', () => {
    expect(render('request-duration')).toBe(
      'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{consul_destination_service="frontend-canary"}[1m])) by (le))',
    );
  });

  it('is discovered from consul.hashicorp.com, before Gateway API whose CRDs consul-k8s installs for its API gateway', () => {
    expect(
      registry.discover(['gateway.networking.k8s.io', 'consul.hashicorp.com']),
    ).toEqual(['consul', 'gatewayapi', 'nginx', 'kubernetes']);
    expect(
      registry.choose({
        apiGroups: ['gateway.networking.k8s.io', 'consul.hashicorp.com'],
        clusterName: 'lab',
      }).provider,
    ).toBe('consul');
  });

  it('has no per-workload health telemetry: Consul names services, not workloads', () => {
    expect(consulMesh.telemetry?.[0].health).toBeUndefined();
  });
});
