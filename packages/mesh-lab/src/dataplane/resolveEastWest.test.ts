import { resolveEastWest } from './resolveEastWest';
import { routingObjectsOf } from './routingObjectsOf';

describe('resolveEastWest', () => {
  const podinfoService = { metadata: { name: 'podinfo', namespace: 'test' }, spec: { selector: { app: 'podinfo-primary' } } };
  const vs = (name: string, hosts: string[], gateways?: string[]) => ({
    metadata: { name, namespace: 'test' },
    spec: { hosts, gateways, http: [{ route: [{ destination: { host: 'podinfo-primary' } }] }] },
  });
  const route = (name: string, namespace: string, parentRefs: object[]) => ({
    metadata: { name, namespace },
    spec: { parentRefs, rules: [{ backendRefs: [{ name: 'podinfo-primary', namespace: 'test', port: 9898 }] }] },
  });
  const from = (namespace: string, objects: Parameters<typeof routingObjectsOf>[0], host = 'podinfo.test') =>
    resolveEastWest(host, namespace, routingObjectsOf({ services: [podinfoService], ...objects }))?.source;

  it('routes by a VirtualService without gateways, or with mesh among them', () => {
    expect(from('test', { virtualServices: [vs('a', ['podinfo'])] })?.name).toBe('a');
    expect(from('test', { virtualServices: [vs('b', ['podinfo'], ['public-gateway', 'mesh'])] })?.name).toBe('b');
  });

  it('does not apply a gateway-only VirtualService: the Service answers', () => {
    expect(from('test', { virtualServices: [vs('podinfo', ['podinfo'], ['public-gateway'])] })).toEqual({
      kind: 'Service',
      namespace: 'test',
      name: 'podinfo',
    });
  });

  it('ignores the host "*" on a mesh-bound VirtualService, as Istio refuses it', () => {
    expect(from('test', { virtualServices: [vs('star', ['*'])] })?.kind).toBe('Service');
  });

  it('prefers a precise host over a wildcard one', () => {
    const objects = { virtualServices: [vs('wide', ['*.test.svc.cluster.local']), vs('precise', ['podinfo'])] };
    expect(from('test', objects)?.name).toBe('precise');
    expect(from('test', objects, 'reviews.test')?.name).toBe('wide');
  });

  it('routes by an HTTPRoute attached to the Service (GAMMA), a consumer route first for its own namespace', () => {
    const producer = route('producer', 'test', [{ group: '', kind: 'Service', name: 'podinfo' }]);
    const consumer = route('consumer', 'shop', [{ group: '', kind: 'Service', name: 'podinfo', namespace: 'test' }]);
    expect(from('test', { httpRoutes: [producer, consumer] })?.name).toBe('producer');
    expect(from('shop', { httpRoutes: [producer, consumer] })?.name).toBe('consumer');
  });

  it('does not apply an HTTPRoute attached to a Gateway, whatever its hostnames', () => {
    const gatewayRoute = route('podinfo', 'test', [{ name: 'lab-gateway', namespace: 'gateway-system' }]);
    Object.assign(gatewayRoute.spec, { hostnames: ['podinfo.test', 'podinfo.test.svc.cluster.local'] });
    expect(from('test', { httpRoutes: [gatewayRoute] })?.kind).toBe('Service');
  });

  it('then a TrafficSplit of the Service, then the Service, and nothing for an unknown host', () => {
    const split = { metadata: { name: 'podinfo', namespace: 'test' }, spec: { service: 'podinfo', backends: [{ service: 'podinfo-primary', weight: 100 }] } };
    expect(from('test', { trafficSplits: [split] })?.kind).toBe('TrafficSplit');
    expect(from('test', {}, 'unknown.test')).toBeUndefined();
  });
});
