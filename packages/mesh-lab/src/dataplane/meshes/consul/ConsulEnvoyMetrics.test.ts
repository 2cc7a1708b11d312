import { ConsulEnvoyMetrics } from './ConsulEnvoyMetrics';

const request = (destination: Record<string, unknown>, code = 200) => ({
  source: { workload: 'flagger-loadtester', namespace: 'test' },
  authority: 'podinfo.test.svc.cluster.local',
  destination: { service: 'podinfo-canary', namespace: 'test', port: 9898, ...destination },
  code,
  latencyMs: 12,
  method: 'GET',
  route: 'root',
});

describe('ConsulEnvoyMetrics', () => {
  it("records the caller's upstream cluster and the serving pod's listener (with its scrape labels) and local_app cluster, with Consul's tags", async () => {
    const metrics = new ConsulEnvoyMetrics();
    metrics.record(request({ workload: 'podinfo', pod: 'podinfo-5d4f-x1' }));
    metrics.record(request({ workload: 'podinfo', pod: 'podinfo-5d4f-x1' }, 500));
    const text = await metrics.registry.metrics();
    const upstream =
      'envoy_cluster_name="podinfo-canary",local_cluster="flagger-loadtester",consul_source_service="flagger-loadtester",consul_source_namespace="default",consul_source_partition="default",consul_source_datacenter="dc1",consul_destination_service="podinfo-canary",consul_destination_namespace="default",consul_destination_datacenter="dc1",consul_destination_routing_type="internal",consul_destination_trust_domain="5d8c1f30-4c4e-6a2b-9e70-1ab2c3d4e5f6",consul_destination_target="podinfo-canary.default.dc1",consul_destination_full_target="podinfo-canary.default.dc1.internal.5d8c1f30-4c4e-6a2b-9e70-1ab2c3d4e5f6"';
    const serving =
      'local_cluster="podinfo-canary",consul_source_service="podinfo-canary",consul_source_namespace="default",consul_source_partition="default",consul_source_datacenter="dc1"';
    const pod = 'kubernetes_namespace="test",kubernetes_pod_name="podinfo-5d4f-x1"';
    const lines = text.split('\n');
    for (const line of [
      `envoy_cluster_upstream_rq{${upstream},envoy_response_code="200"} 1`,
      `envoy_cluster_upstream_rq{${upstream},envoy_response_code="500"} 1`,
      `envoy_cluster_upstream_rq_xx{${upstream},envoy_response_code_class="2"} 1`,
      `envoy_cluster_upstream_rq_xx{${upstream},envoy_response_code_class="5"} 1`,
      `envoy_cluster_upstream_rq_time_bucket{le="25",${upstream}} 2`,
      `envoy_cluster_upstream_rq_total{envoy_cluster_name="local_app",${serving}} 2`,
      `envoy_http_downstream_rq_xx{envoy_http_conn_manager_prefix="public_listener",${serving},${pod},envoy_response_code_class="5"} 1`,
      `envoy_http_downstream_rq_completed{envoy_http_conn_manager_prefix="public_listener",${serving},${pod}} 2`,
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('records an answer no pod gave (503) on the caller only', async () => {
    const metrics = new ConsulEnvoyMetrics();
    metrics.record(request({}, 503));
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/envoy_cluster_upstream_rq_xx\{[^}]*consul_destination_service="podinfo-canary"[^}]*envoy_response_code_class="5"\} 1/);
    expect(text).not.toContain('local_app');
    expect(text).not.toMatch(/envoy_http_downstream_rq_total\{/);
  });
});
