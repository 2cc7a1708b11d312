import { appMeshEnvoyLabels } from './appMeshEnvoyLabels';

const served = (pod?: string) => ({
  source: { workload: 'mesh-lab-load', namespace: 'test' },
  authority: 'podinfo.test.svc.cluster.local',
  destination: { service: 'podinfo-canary', namespace: 'test', port: 9898, workload: pod ? 'podinfo' : undefined, pod },
  code: 200,
  latencyMs: 3,
  method: 'GET',
  route: 'root',
});

describe('appMeshEnvoyLabels', () => {
  it("labels a pod's inbound requests as App Mesh's Prometheus does: by the pod's namespace and name", () => {
    expect(appMeshEnvoyLabels(served('podinfo-7d9f-x2'))).toEqual({
      envoy_cluster_name: 'cds_ingress_lab_podinfo-canary_test_http_9898',
      kubernetes_namespace: 'test',
      kubernetes_pod_name: 'podinfo-7d9f-x2',
    });
  });

  it('reports nothing when no pod served the request: no sidecar saw it', () => {
    expect(appMeshEnvoyLabels(served())).toBeUndefined();
  });
});
