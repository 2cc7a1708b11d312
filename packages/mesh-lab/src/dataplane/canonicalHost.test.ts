import { canonicalHost, serviceOfHost } from './canonicalHost';

describe('canonicalHost', () => {
  it('resolves every spelling of a Service to its cluster-local name', () => {
    for (const host of ['podinfo', 'podinfo.test', 'podinfo.test.svc', 'podinfo.test.svc.cluster.local', 'PODINFO.test:9898']) {
      expect(canonicalHost(host, 'test')).toBe('podinfo.test.svc.cluster.local');
    }
    expect(canonicalHost('podinfo', 'other')).toBe('podinfo.other.svc.cluster.local');
  });

  it('leaves external hostnames alone and says they name no Service', () => {
    expect(canonicalHost('app.example.com', 'test')).toBe('app.example.com');
    expect(serviceOfHost('app.example.com')).toBeUndefined();
    expect(serviceOfHost('podinfo.test.svc.cluster.local')).toEqual({ service: 'podinfo', namespace: 'test' });
  });
});
