import { createBuiltinMeshRegistry } from '../createBuiltinMeshRegistry';
import { renderBuiltinMetricQuery } from '../../metrics/renderBuiltinMetricQuery';

// The seed walkthrough: Deployment podinfo in namespace test, metrics over one minute.
const podinfo = {
  namespace: 'test',
  name: 'podinfo',
  target: 'podinfo',
  interval: '1m',
};

describe('appMeshMesh', () => {
  const registry = createBuiltinMeshRegistry();
  const choose = (specProvider?: string) =>
    registry.choose({
      specProvider,
      apiGroups: ['appmesh.k8s.aws'],
      clusterName: 'lab',
    });

  it("is chosen by Flagger's appmesh and appmesh:v1beta2, and discovered where App Mesh's API is served", () => {
    expect(choose('appmesh').provider).toBe('appmesh');
    expect(choose('appmesh:v1beta2').provider).toBe('appmesh');
    expect(choose()).toMatchObject({
      provider: 'appmesh',
      source: 'discovery',
    });
    expect(registry.discover(['appmesh.k8s.aws', 'kuma.io'])).toEqual([
      'appmesh',
      'kuma',
      'nginx',
      'kubernetes',
    ]);
  });

  it("measures Flagger's appmesh queries: the canary pods' Envoy upstream requests, and their p99 in ms", () => {
    const { metrics } = choose('appmesh');
    expect(metrics.telemetry?.health).toBeUndefined();
    expect(
      renderBuiltinMetricQuery(metrics, 'request-success-rate', podinfo),
    ).toBe(
      'sum(rate(envoy_cluster_upstream_rq{kubernetes_namespace="test",kubernetes_pod_name=~"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)",envoy_response_code!~"5.*"}[1m])) / sum(rate(envoy_cluster_upstream_rq{kubernetes_namespace="test",kubernetes_pod_name=~"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[1m])) * 100',
    );
    expect(renderBuiltinMetricQuery(metrics, 'request-duration', podinfo)).toBe(
      'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{kubernetes_namespace="test",kubernetes_pod_name=~"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[1m])) by (le))',
    );
  });
});
