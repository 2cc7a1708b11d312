import { GatewayListenerLike, parentRefAttachesToListener } from './parentRefAttachesToListener';

describe('parentRefAttachesToListener', () => {
  const gateway = { namespace: 'gateway-system', name: 'lab-gateway' };
  const http: GatewayListenerLike = { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } };
  const attaches = (ref: object, listener = http, routeNamespace = 'test', labels = {}) =>
    parentRefAttachesToListener(ref, routeNamespace, gateway, listener, labels);

  it('attaches a ref naming the Gateway, group and kind defaulting to a Gateway API Gateway', () => {
    expect(attaches({ name: 'lab-gateway', namespace: 'gateway-system' })).toBe(true);
    expect(attaches({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'lab-gateway', namespace: 'gateway-system' })).toBe(true);
  });

  it("defaults the ref's namespace to the route's", () => {
    expect(attaches({ name: 'lab-gateway' })).toBe(false);
    expect(attaches({ name: 'lab-gateway' }, http, 'gateway-system')).toBe(true);
  });

  it('does not attach a ref to a Service or to another Gateway', () => {
    expect(attaches({ group: '', kind: 'Service', name: 'lab-gateway', namespace: 'gateway-system' })).toBe(false);
    expect(attaches({ name: 'other', namespace: 'gateway-system' })).toBe(false);
  });

  it('honours sectionName: only the Listener of that name', () => {
    expect(attaches({ name: 'lab-gateway', namespace: 'gateway-system', sectionName: 'http' })).toBe(true);
    expect(attaches({ name: 'lab-gateway', namespace: 'gateway-system', sectionName: 'https' })).toBe(false);
  });

  it('honours port: only a Listener on that port', () => {
    expect(attaches({ name: 'lab-gateway', namespace: 'gateway-system', port: 80 })).toBe(true);
    expect(attaches({ name: 'lab-gateway', namespace: 'gateway-system', port: 8080 })).toBe(false);
  });

  it("admits only routes of the Gateway's namespace by default (allowedRoutes from Same)", () => {
    const same: GatewayListenerLike = { name: 'http', port: 80, protocol: 'HTTP' };
    expect(attaches({ name: 'lab-gateway', namespace: 'gateway-system' }, same, 'test')).toBe(false);
    expect(attaches({ name: 'lab-gateway' }, same, 'gateway-system')).toBe(true);
  });

  it('admits routes of namespaces carrying the selector labels (allowedRoutes from Selector)', () => {
    const selector: GatewayListenerLike = {
      name: 'http',
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } } },
    };
    const ref = { name: 'lab-gateway', namespace: 'gateway-system' };
    expect(attaches(ref, selector, 'test', { shared: 'true' })).toBe(true);
    expect(attaches(ref, selector, 'test', {})).toBe(false);
  });

  it('admits only HTTPRoutes when allowedRoutes.kinds is given', () => {
    const grpcOnly: GatewayListenerLike = { ...http, allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } };
    expect(attaches({ name: 'lab-gateway', namespace: 'gateway-system' }, grpcOnly)).toBe(false);
  });
});
