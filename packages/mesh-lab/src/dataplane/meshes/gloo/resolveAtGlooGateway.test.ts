import { labGatewayObjects } from '../../../fixtures/labGatewayObjects';
import { findGatewayEntrance } from '../../findGatewayEntrance';
import type { GatewayEntrance } from '../../GatewayEntrance';
import { resolveNorthSouth } from '../../resolveNorthSouth';
import { routingObjectsOf } from '../../routingObjectsOf';
import type { ServiceLike } from '../../RoutingObjects';

const services = (labGatewayObjects() as any[]).filter(o => o.kind === 'Service') as ServiceLike[];
const proxyPod = {
  namespace: 'gloo-system',
  name: 'gateway-proxy-7d9c-k2x8p',
  workload: 'gateway-proxy',
  labels: { gloo: 'gateway-proxy', 'gateway-proxy-id': 'gateway-proxy', 'gateway-proxy': 'live' },
};
const vs = (name: string, domains?: string[]) => ({
  metadata: { name, namespace: 'gloo-system' },
  spec: { virtualHost: { ...(domains ? { domains } : {}), routes: [{ matchers: [{ prefix: '/' }], routeAction: { single: { upstream: { name } } } }] } },
});

describe("Gloo's gateway-proxy", () => {
  it("is the lab's gloo-system/gateway-proxy Service, entered at its Ready pod", () => {
    expect(findGatewayEntrance('gloo-system/gateway-proxy', routingObjectsOf({ services, pods: [proxyPod] }))).toEqual({
      ref: 'gloo-system/gateway-proxy',
      kind: 'gloo',
      proxy: { workload: 'gateway-proxy', namespace: 'gloo-system', labels: proxyPod.labels },
      address: 'gateway-proxy.gloo-system.svc.cluster.local',
    });
    expect(findGatewayEntrance('gloo-system/gateway-proxy', routingObjectsOf({ services }))).toMatchObject({
      kind: 'gloo',
      proxy: undefined,
    });
  });

  it('routes a Host by the VirtualService whose domains cover it most specifically, one without domains covering every Host', () => {
    const entrance = findGatewayEntrance('gloo-system/gateway-proxy', routingObjectsOf({ services, pods: [proxyPod] })) as GatewayEntrance;
    const objects = routingObjectsOf({
      glooVirtualServices: [vs('catch-all'), vs('wildcard', ['*.example.com']), vs('app', ['app.example.com:80', 'app.example.com'])],
    });
    const at = (host: string) => resolveNorthSouth(entrance, host, objects)?.source.name;
    expect(at('app.example.com')).toBe('app');
    expect(at('www.example.com')).toBe('wildcard');
    expect(at('10.0.0.20')).toBe('catch-all');
    expect(resolveNorthSouth(entrance, 'app.example.com', routingObjectsOf({}))).toBeUndefined();
  });
});
