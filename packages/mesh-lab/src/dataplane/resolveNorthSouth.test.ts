import type { GatewayEntrance } from './GatewayEntrance';
import { resolveNorthSouth } from './resolveNorthSouth';
import { routingObjectsOf } from './routingObjectsOf';

describe('resolveNorthSouth', () => {
  const ingress: GatewayEntrance = {
    ref: 'istio-system/istio-ingressgateway',
    kind: 'istio',
    proxy: { workload: 'istio-ingressgateway', namespace: 'istio-system', labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } },
    address: '10.0.0.20',
  };
  const publicGateway = (hosts: string[], selector: Record<string, string> = { istio: 'ingressgateway' }) => ({
    metadata: { name: 'public-gateway', namespace: 'test' },
    spec: { selector, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }] },
  });
  const vs = (name: string, hosts: string[], gateways?: string[]) => ({
    metadata: { name, namespace: 'test' },
    spec: { hosts, gateways, http: [{ route: [{ destination: { host: `${name}-primary` }, weight: 100 }] }] },
  });
  const at = (host: string, objects: Parameters<typeof routingObjectsOf>[0], entrance = ingress) =>
    resolveNorthSouth(entrance, host, routingObjectsOf(objects))?.source;

  describe('at an Istio ingress gateway', () => {
    it("routes the seed walkthrough's traffic (hosts *, no Host header) by the VirtualService bound to the Gateway", () => {
      const objects = { istioGateways: [publicGateway(['*'])], virtualServices: [vs('podinfo', ['*'], ['public-gateway'])] };
      expect(at('10.0.0.20', objects)).toEqual({ kind: 'VirtualService', namespace: 'test', name: 'podinfo' });
      expect(at('app.example.com', objects)).toEqual({ kind: 'VirtualService', namespace: 'test', name: 'podinfo' });
    });

    it('accepts the FQDN and namespace/name forms of the gateway reference', () => {
      const istioGateways = [publicGateway(['*'])];
      expect(at('x', { istioGateways, virtualServices: [vs('a', ['*'], ['public-gateway.test.svc.cluster.local'])] })?.name).toBe('a');
      expect(at('x', { istioGateways, virtualServices: [vs('b', ['*'], ['test/public-gateway'])] })?.name).toBe('b');
    });

    it('applies no mesh-bound VirtualService at the gateway', () => {
      const objects = { istioGateways: [publicGateway(['*'])], virtualServices: [vs('podinfo', ['podinfo']), vs('m', ['*'], ['mesh'])] };
      expect(at('podinfo.test.svc.cluster.local', objects)).toBeUndefined();
    });

    it("applies nothing when the Gateway's selector picks another workload", () => {
      const objects = {
        istioGateways: [publicGateway(['*'], { app: 'test-imgw-app', 'gateway-name': 'test-imgw' })],
        virtualServices: [vs('podinfo', ['*'], ['public-gateway'])],
      };
      expect(at('app.example.com', objects)).toBeUndefined();
    });

    it("serves only the Hosts both the server's hosts and the VirtualService's hosts cover", () => {
      const objects = {
        istioGateways: [publicGateway(['*.example.com'])],
        virtualServices: [vs('podinfo', ['app.example.com', 'app.example.net'], ['public-gateway'])],
      };
      expect(at('app.example.com', objects)?.name).toBe('podinfo');
      expect(at('app.example.net', objects)).toBeUndefined();
      expect(at('www.example.com', objects)).toBeUndefined();
    });

    it("serves a namespace-prefixed server host only to VirtualServices of that namespace", () => {
      const virtualServices = [vs('podinfo', ['*'], ['public-gateway'])];
      expect(at('app.example.com', { istioGateways: [publicGateway(['test/*'])], virtualServices })?.name).toBe('podinfo');
      expect(at('app.example.com', { istioGateways: [publicGateway(['prod/*'])], virtualServices })).toBeUndefined();
    });

    it('prefers the VirtualService with the most specific matching host over an older catch-all', () => {
      const objects = {
        istioGateways: [publicGateway(['*'])],
        virtualServices: [vs('catch-all', ['*'], ['public-gateway']), vs('app', ['app.example.com'], ['public-gateway'])],
      };
      expect(at('app.example.com', objects)?.name).toBe('app');
      expect(at('www.example.com', objects)?.name).toBe('catch-all');
    });
  });

  describe('at a Gateway API Gateway', () => {
    const gateway = {
      metadata: { name: 'lab-gateway', namespace: 'gateway-system' },
      spec: {
        gatewayClassName: 'mesh-lab',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'example', port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } },
        ],
      },
    };
    const entrance: GatewayEntrance = {
      ref: 'gateway-system/lab-gateway',
      kind: 'gatewayapi',
      proxy: { workload: 'lab-gateway-mesh-lab', namespace: 'gateway-system', labels: {} },
      address: '10.0.0.21',
      gateway,
    };
    const route = (name: string, parentRef: object, hostnames?: string[]) => ({
      metadata: { name, namespace: 'shop' },
      spec: { parentRefs: [parentRef], hostnames, rules: [{ backendRefs: [{ name: `${name}-primary`, port: 8080 }] }] },
    });
    const ref = { name: 'lab-gateway', namespace: 'gateway-system' };

    it('routes by the HTTPRoute attached to the Listener that takes the Host', () => {
      const objects = { httpRoutes: [route('checkout', { ...ref, sectionName: 'example' }, ['shop.example.com'])] };
      expect(at('shop.example.com', objects, entrance)).toEqual({ kind: 'HTTPRoute', namespace: 'shop', name: 'checkout' });
    });

    it('sends a Host to its most specific Listener only: a route on the catch-all Listener does not get it', () => {
      const objects = { httpRoutes: [route('checkout', { ...ref, sectionName: 'http' })] };
      expect(at('shop.example.com', objects, entrance)).toBeUndefined();
      expect(at('10.0.0.21', objects, entrance)?.name).toBe('checkout');
    });

    it("does not route a Host outside the route's hostnames", () => {
      const objects = { httpRoutes: [route('checkout', ref, ['shop.example.com'])] };
      expect(at('www.example.com', objects, entrance)).toBeUndefined();
    });

    it('prefers the route with the most specific intersected hostname', () => {
      const objects = { httpRoutes: [route('wide', ref, ['*.example.com']), route('narrow', ref, ['shop.example.com'])] };
      expect(at('shop.example.com', objects, entrance)?.name).toBe('narrow');
      expect(at('www.example.com', objects, entrance)?.name).toBe('wide');
    });

    it('applies no route attached to a Service (GAMMA) at the gateway', () => {
      const objects = { httpRoutes: [route('checkout', { group: '', kind: 'Service', name: 'checkout' })] };
      expect(at('10.0.0.21', objects, entrance)).toBeUndefined();
    });
  });
});
