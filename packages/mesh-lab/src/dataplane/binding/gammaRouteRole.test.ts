import { gammaRouteRole } from './gammaRouteRole';

describe('gammaRouteRole', () => {
  const podinfo = 'podinfo.test.svc.cluster.local';
  const route = (namespace: string, parentRefs: object[], hostnames?: string[]) => ({
    metadata: { namespace },
    spec: { parentRefs, hostnames },
  });

  it('a route attached to a Service of its own namespace is the producer route, for every client', () => {
    const producer = route('test', [{ group: '', kind: 'Service', name: 'podinfo', port: 9898 }]);
    expect(gammaRouteRole(producer, podinfo, 'test')).toBe('producer');
    expect(gammaRouteRole(producer, podinfo, 'shop')).toBe('producer');
    expect(gammaRouteRole(route('test', [{ group: 'core', kind: 'Service', name: 'podinfo' }]), podinfo, 'x')).toBe(
      'producer',
    );
  });

  it("a route attached to another namespace's Service is a consumer route, for its own namespace's clients only", () => {
    const consumer = route('shop', [{ kind: 'Service', name: 'podinfo', namespace: 'test' }]);
    expect(gammaRouteRole(consumer, podinfo, 'shop')).toBe('consumer');
    expect(gammaRouteRole(consumer, podinfo, 'test')).toBeUndefined();
  });

  it('a route attached to a Gateway, or to another Service, does not route mesh traffic to this one', () => {
    expect(gammaRouteRole(route('test', [{ name: 'lab-gateway', namespace: 'gateway-system' }]), podinfo, 'test')).toBeUndefined();
    expect(gammaRouteRole(route('test', [{ kind: 'Service', name: 'reviews' }]), podinfo, 'test')).toBeUndefined();
  });

  it('ignores hostnames: they neither attach a route nor keep one from applying', () => {
    expect(gammaRouteRole(route('test', [], ['podinfo.test.svc.cluster.local']), podinfo, 'test')).toBeUndefined();
    expect(gammaRouteRole(route('test', [{ kind: 'Service', name: 'podinfo' }], ['app.example.com']), podinfo, 'test')).toBe(
      'producer',
    );
  });
});
