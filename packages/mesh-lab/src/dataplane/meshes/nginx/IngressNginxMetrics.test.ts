import { Registry } from 'prom-client';
import { IngressNginxMetrics } from './IngressNginxMetrics';

describe('IngressNginxMetrics', () => {
  const request = (canary: string, code: number) => ({
    source: { workload: 'ingress-nginx-controller', namespace: 'ingress-nginx', pod: 'ingress-nginx-controller-7d9f-abcde' },
    authority: 'app.example.com',
    destination: { service: canary ? 'podinfo-canary' : 'podinfo', namespace: 'test', port: 80 },
    code,
    latencyMs: 30,
    method: 'get',
    route: 'root',
    nginx: { namespace: 'test', ingress: 'podinfo', service: 'podinfo', path: '/', canary },
  });

  it("reports each request a location carried with the controller's names and labels, the canary's by its upstream", async () => {
    const registry = new Registry();
    const metrics = new IngressNginxMetrics(registry);
    metrics.bind(request('test-podinfo-canary-80', 500))!(30);
    metrics.bind(request('', 200))!(30);
    const text = await registry.metrics();
    const labels = (canary: string, status: number) =>
      `status="${status}",method="GET",path="/",namespace="test",ingress="podinfo",service="podinfo",canary="${canary}",host="app.example.com",controller_namespace="ingress-nginx",controller_class="k8s.io/ingress-nginx",controller_pod="ingress-nginx-controller-7d9f-abcde"`;
    expect(text).toContain(`nginx_ingress_controller_requests{${labels('test-podinfo-canary-80', 500)}} 1`);
    expect(text).toContain(`nginx_ingress_controller_requests{${labels('', 200)}} 1`);
    expect(text).toContain(`nginx_ingress_controller_response_duration_seconds_sum{${labels('', 200)}} 0.03`);
    expect(text).toContain(`nginx_ingress_controller_response_duration_seconds_count{${labels('', 200)}} 1`);
    expect(text).toContain(`nginx_ingress_controller_request_duration_seconds_bucket{le="0.05",${labels('', 200)}} 1`);
  });

  it('reports nothing of a request no Ingress location carried', () => {
    const metrics = new IngressNginxMetrics(new Registry());
    expect(metrics.bind({ ...request('', 200), nginx: undefined })).toBeUndefined();
  });
});
