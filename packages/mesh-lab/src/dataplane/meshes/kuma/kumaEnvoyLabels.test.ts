import { kumaEnvoyLabels } from './kumaEnvoyLabels';

const served = (pod?: string) => ({
  source: { workload: 'mesh-lab-load', namespace: 'test' },
  authority: 'podinfo.test.svc.cluster.local',
  destination: { service: 'podinfo-canary', namespace: 'test', port: 9898, workload: pod ? 'podinfo' : undefined, pod },
  code: 200,
  latencyMs: 3,
  method: 'GET',
  route: 'root',
});

describe('kumaEnvoyLabels', () => {
  it("labels a pod's inbound requests as Kuma's Prometheus does: service is the pod's kuma.io/service", () => {
    expect(kumaEnvoyLabels(served('podinfo-7d9f-x2'))).toEqual({
      envoy_cluster_name: 'localhost_9898',
      mesh: 'default',
      dataplane: 'podinfo-7d9f-x2.test',
      service: 'podinfo-canary_test_svc_9898',
      kuma_io_service: 'podinfo-canary_test_svc_9898',
      kuma_io_protocol: 'http',
      k8s_kuma_io_namespace: 'test',
      k8s_kuma_io_service_name: 'podinfo-canary',
      k8s_kuma_io_service_port: '9898',
    });
  });

  it('reports nothing when no pod served the request: no sidecar saw it', () => {
    expect(kumaEnvoyLabels(served())).toBeUndefined();
  });
});
