import { Registry } from 'prom-client';
import { TraefikMetrics } from './TraefikMetrics';

describe('TraefikMetrics', () => {
  it("exposes Traefik's service counter and duration histogram with its labels, in seconds with its default buckets", async () => {
    const registry = new Registry();
    const record = new TraefikMetrics(registry).bind('test-podinfo-canary-9898@kubernetescrd', 500, 'get');
    record(150);
    const text = await registry.metrics();
    const labels = 'code="500",method="GET",protocol="http",service="test-podinfo-canary-9898@kubernetescrd"';
    expect(text).toContain(`traefik_service_requests_total{${labels}} 1`);
    expect(text).toContain(`traefik_service_request_duration_seconds_bucket{le="0.1",${labels}} 0`);
    expect(text).toContain(`traefik_service_request_duration_seconds_bucket{le="0.3",${labels}} 1`);
    expect(text).toContain(`traefik_service_request_duration_seconds_bucket{le="+Inf",${labels}} 1`);
    expect(text).toContain(`traefik_service_request_duration_seconds_sum{${labels}} 0.15`);
  });
});
