import { resolveEastWest } from '../../resolveEastWest';
import { routingObjectsOf } from '../../routingObjectsOf';
import type { AppMeshObjects } from './AppMeshObjects';
import { resolveAppMesh } from './resolveAppMesh';

// The objects Vane's appmesh router writes for test/podinfo (Flagger's shape): a VirtualNode per
// Service, the apex VirtualRouter with weighted targets, and the VirtualService on it.
const node = (name: string) => ({
  metadata: { name, namespace: 'test' },
  spec: { serviceDiscovery: { dns: { hostname: `${name}.test.svc.cluster.local.` } } },
});
const weighted = (canary: number) => [
  { virtualNodeRef: { name: 'podinfo-canary' }, weight: canary },
  { virtualNodeRef: { name: 'podinfo-primary' }, weight: 100 - canary },
];
const virtualService = (name: string, provider: Record<string, unknown>, awsName?: string) => ({
  metadata: { name, namespace: 'test' },
  spec: { ...(awsName ? { awsName } : {}), provider },
});
const objects = (routes: unknown[], more: Partial<AppMeshObjects> = {}): AppMeshObjects => ({
  virtualServices: [virtualService('podinfo', { virtualRouter: { virtualRouterRef: { name: 'podinfo' } } })],
  virtualRouters: [{ metadata: { name: 'podinfo', namespace: 'test' }, spec: { routes: routes as any } }],
  virtualNodes: [node('podinfo-primary'), node('podinfo-canary')],
  ...more,
});
const TARGET = 'podinfo.test.svc.cluster.local';

describe('resolveAppMesh', () => {
  it("routes the VirtualService's name by its VirtualRouter's weighted targets to the Services the VirtualNodes discover", () => {
    const table = resolveAppMesh(TARGET, objects([{ name: 'podinfo', httpRoute: { match: { prefix: '/' }, action: { weightedTargets: weighted(30) } } }]));
    expect(table).toEqual({
      source: { kind: 'VirtualRouter', namespace: 'test', name: 'podinfo' },
      rules: [
        {
          matches: [],
          backends: [
            { service: 'podinfo-canary', namespace: 'test', weight: 30 },
            { service: 'podinfo-primary', namespace: 'test', weight: 70 },
          ],
        },
      ],
    });
  });

  it('takes routes by priority, then in their order: the header route of A/B before the default', () => {
    const table = resolveAppMesh(
      TARGET,
      objects([
        { name: 'podinfo-b', priority: 20, httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNodeRef: { name: 'podinfo-primary' }, weight: 100 }] } } },
        { name: 'other', httpRoute: { match: { prefix: '/api' }, action: { weightedTargets: weighted(0) } } },
        {
          name: 'podinfo-a',
          priority: 10,
          httpRoute: {
            match: { prefix: '/', headers: [{ name: 'X-Canary', match: { exact: 'insider' } }, { name: 'cookie', match: { suffix: 'b=1' } }] },
            action: { weightedTargets: weighted(100) },
          },
        },
      ]),
    )!;
    expect(table.rules.map(r => r.backends.map(b => `${b.service}:${b.weight}`))).toEqual([
      ['podinfo-canary:100', 'podinfo-primary:0'],
      ['podinfo-primary:100'],
      ['podinfo-canary:0', 'podinfo-primary:100'],
    ]);
    expect(table.rules[0].matches).toEqual([
      { headers: [{ name: 'x-canary', match: { exact: 'insider' } }, { name: 'cookie', match: { regex: /^[\s\S]*b=1$/ } }] },
    ]);
    expect(table.rules[2].matches).toEqual([{ path: { prefix: '/api' } }]);
  });

  it('leaves out a route the lab cannot evaluate (an inverted header match) rather than matching everything', () => {
    const table = resolveAppMesh(
      TARGET,
      objects([{ httpRoute: { match: { prefix: '/', headers: [{ name: 'x', invert: true, match: { exact: 'y' } }] }, action: { weightedTargets: weighted(100) } } }]),
    );
    expect(table?.rules).toEqual([]);
  });

  it('matches the awsName when set, else <name>.<namespace>, in any DNS form of the Service', () => {
    const named = objects([], {
      virtualServices: [virtualService('vs', { virtualNode: { virtualNodeRef: { name: 'podinfo-primary' } } }, 'podinfo.test.svc.cluster.local')],
    });
    expect(resolveAppMesh(TARGET, named)).toEqual({
      source: { kind: 'VirtualNode', namespace: 'test', name: 'podinfo-primary' },
      rules: [{ matches: [], backends: [{ service: 'podinfo-primary', namespace: 'test', weight: 1 }] }],
    });
    expect(resolveAppMesh('vs.test.svc.cluster.local', named)).toBeUndefined();
    expect(resolveAppMesh('podinfo-canary.test.svc.cluster.local', objects([]))).toBeUndefined();
  });

  it('routes nothing for a VirtualService whose router does not exist (Envoy answers 404)', () => {
    expect(resolveAppMesh(TARGET, objects([], { virtualRouters: [] }))).toEqual({
      source: { kind: 'VirtualRouter', namespace: 'test', name: 'podinfo' },
      rules: [],
    });
  });

  it('is what resolveEastWest follows from inside the mesh, before the Service itself', () => {
    const routing = routingObjectsOf({
      services: [{ metadata: { name: 'podinfo', namespace: 'test' }, spec: { selector: { app: 'podinfo-primary' } } }],
      appMesh: objects([{ httpRoute: { match: { prefix: '/' }, action: { weightedTargets: weighted(10) } } }]),
    });
    expect(resolveEastWest('podinfo.test:9898', 'load', routing)?.source).toEqual({ kind: 'VirtualRouter', namespace: 'test', name: 'podinfo' });
  });
});
