import { resolveEastWest } from '../../resolveEastWest';
import { routingObjectsOf } from '../../routingObjectsOf';
import type { KumaTrafficRouteLike } from './KumaTrafficRouteLike';
import { resolveKuma } from './resolveKuma';

const service = { metadata: { name: 'podinfo', namespace: 'test' }, spec: { selector: { app: 'podinfo-primary' }, ports: [{ name: 'http', port: 9898 }] } };
/** The TrafficRoute Vane's kuma router writes for test/podinfo (Flagger's shape), at a canary weight. */
const trafficRoute = (name: string, canary: number, destination = 'podinfo_test_svc_9898'): KumaTrafficRouteLike => ({
  metadata: { name },
  mesh: 'default',
  spec: {
    sources: [{ match: { 'kuma.io/service': '*' } }],
    destinations: [{ match: { 'kuma.io/service': destination } }],
    conf: {
      split: [
        { weight: 100 - canary, destination: { 'kuma.io/service': 'podinfo-primary_test_svc_9898' } },
        { weight: canary, destination: { 'kuma.io/service': 'podinfo-canary_test_svc_9898' } },
      ],
    },
  },
});
const resolve = (routes: KumaTrafficRouteLike[], target = 'podinfo.test.svc.cluster.local') =>
  resolveKuma(target, routingObjectsOf({ services: [service], kumaTrafficRoutes: routes }));

describe('resolveKuma', () => {
  it("routes the Service by the split of the TrafficRoute whose destination is its port's kuma.io/service", () => {
    expect(resolve([trafficRoute('podinfo.test', 25)])).toEqual({
      source: { kind: 'TrafficRoute', namespace: '', name: 'podinfo.test' },
      rules: [
        {
          matches: [],
          backends: [
            { service: 'podinfo-primary', namespace: 'test', port: 9898, weight: 75 },
            { service: 'podinfo-canary', namespace: 'test', port: 9898, weight: 25 },
          ],
        },
      ],
    });
  });

  it("prefers a route naming the service over the mesh's catch-all, whatever their age", () => {
    const catchAll: KumaTrafficRouteLike = {
      metadata: { name: 'route-all-default' },
      mesh: 'default',
      spec: { sources: [{ match: { 'kuma.io/service': '*' } }], destinations: [{ match: { 'kuma.io/service': '*' } }], conf: { destination: { 'kuma.io/service': '*' } } },
    };
    expect(resolve([catchAll, trafficRoute('podinfo.test', 0)])?.source.name).toBe('podinfo.test');
    // The catch-all's `*` destination is the requested Service itself.
    expect(resolve([catchAll])?.rules).toEqual([{ matches: [], backends: [{ service: 'podinfo', namespace: 'test', port: 9898, weight: 1 }] }]);
  });

  it('ignores routes for other services or ports, and routes whose sources select tagged clients only', () => {
    const sourced = trafficRoute('from-frontend', 50);
    sourced.spec!.sources = [{ match: { 'kuma.io/service': 'frontend_test_svc_80' } }];
    expect(resolve([trafficRoute('other-port', 50, 'podinfo_test_svc_80'), sourced])).toBeUndefined();
    expect(resolve([trafficRoute('podinfo.test', 50)], 'reviews.test.svc.cluster.local')).toBeUndefined();
  });

  it("is what resolveEastWest follows from inside the mesh, before the Service itself", () => {
    const routing = routingObjectsOf({ services: [service], kumaTrafficRoutes: [trafficRoute('podinfo.test', 10)] });
    expect(resolveEastWest('podinfo', 'test', routing)?.source).toEqual({ kind: 'TrafficRoute', namespace: '', name: 'podinfo.test' });
  });
});
