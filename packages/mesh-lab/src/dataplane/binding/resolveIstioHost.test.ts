import { resolveIstioHost } from './resolveIstioHost';

describe('resolveIstioHost', () => {
  it("reads a short name as a Service of the VirtualService's namespace", () => {
    expect(resolveIstioHost('podinfo', 'test')).toBe('podinfo.test.svc.cluster.local');
  });

  it('takes "*" and names with a dot as written', () => {
    expect(resolveIstioHost('*', 'test')).toBe('*');
    expect(resolveIstioHost('App.Example.com', 'test')).toBe('app.example.com');
    expect(resolveIstioHost('*.example.com', 'test')).toBe('*.example.com');
  });
});
