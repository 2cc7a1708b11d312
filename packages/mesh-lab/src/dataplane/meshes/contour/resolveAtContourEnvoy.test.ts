import type { GatewayEntrance } from '../../GatewayEntrance';
import { matchRequest } from '../../matchRequest';
import { routingObjectsOf } from '../../routingObjectsOf';
import { resolveAtContourEnvoy, type HttpProxyLike } from './resolveAtContourEnvoy';

describe('resolveAtContourEnvoy', () => {
  const envoy: GatewayEntrance = {
    ref: 'projectcontour/envoy',
    kind: 'contour',
    proxy: { workload: 'envoy', namespace: 'projectcontour', labels: { app: 'envoy' }, pod: 'envoy-x7k2p' },
    address: '10.0.0.31',
  };
  /** Flagger's walkthrough root proxy: app.example.com includes the proxy Flagger writes. */
  const root = (overrides: Partial<NonNullable<HttpProxyLike['spec']>> = {}, name = 'podinfo-ingress'): HttpProxyLike => ({
    metadata: { name, namespace: 'test' },
    spec: {
      virtualhost: { fqdn: 'app.example.com' },
      includes: [{ name: 'podinfo', namespace: 'test', conditions: [{ prefix: '/' }] }],
      ...overrides,
    },
  });
  const service = (name: string, weight?: number, more: Record<string, unknown> = {}) => ({
    name,
    port: 80,
    ...(weight !== undefined ? { weight } : {}),
    ...more,
  });
  /** The proxy Flagger's Contour router writes (no virtualhost), with its Linkerd header policy. */
  const flaggerProxy = (routes: NonNullable<HttpProxyLike['spec']>['routes']): HttpProxyLike => ({
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: { routes },
  });
  const weighted = (primary: number, canary: number, conditions: Array<Record<string, unknown>> = [{ prefix: '/' }]) => ({
    conditions,
    services: [
      service('podinfo-primary', primary, {
        requestHeadersPolicy: { set: [{ name: 'l5d-dst-override', value: 'podinfo-primary.test.svc.cluster.local:80' }] },
      }),
      service('podinfo-canary', canary),
    ],
  });
  const at = (host: string, httpProxies: HttpProxyLike[]) => resolveAtContourEnvoy(envoy, host, routingObjectsOf({ httpProxies }));
  const backend = (name: string, weight: number) => ({ service: name, namespace: 'test', port: 80, weight });
  const routed = (table: ReturnType<typeof at>, headers: Record<string, string> = {}, path = '/') =>
    table?.rules
      .find(rule => matchRequest(rule.matches, { method: 'GET', path, headers }))
      ?.backends.map(b => `${b.service}=${b.weight}`)
      .join(',');

  it("routes Flagger's walkthrough through the root proxy of the Host and the weights of the proxy it includes", () => {
    expect(at('app.example.com', [root(), flaggerProxy([weighted(90, 10)])])).toEqual({
      source: { kind: 'HTTPProxy', namespace: 'test', name: 'podinfo-ingress' },
      rules: [{ matches: [], backends: [backend('podinfo-primary', 90), backend('podinfo-canary', 10)] }],
    });
  });

  it("tries Flagger's A/B route before the weighted one, whatever their order: same prefix, more header conditions first", () => {
    const table = at('app.example.com', [
      root(),
      flaggerProxy([weighted(100, 0), weighted(0, 100, [{ prefix: '/', header: { name: 'X-Canary', exact: 'insider' } }])]),
    ]);
    expect(table?.rules.map(r => r.matches)).toEqual([[{ headers: [{ name: 'x-canary', match: { exact: 'insider' } }] }], []]);
    expect(routed(table, { 'x-canary': 'insider' })).toBe('podinfo-primary=0,podinfo-canary=100');
    expect(routed(table, { 'x-canary': 'outsider' })).toBe('podinfo-primary=100,podinfo-canary=0');
  });

  it('matches header regexes against the whole value, contains anywhere, and present whatever the value', () => {
    const table = at('app.example.com', [
      root({
        includes: undefined,
        routes: [
          { conditions: [{ header: { name: 'cookie', regex: '^(.*?;)?(canary=always)(;.*)?$' } }], services: [service('regex')] },
          { conditions: [{ header: { name: 'user-agent', contains: 'Android' } }], services: [service('contains')] },
          { conditions: [{ header: { name: 'x-debug', present: true } }], services: [service('present')] },
          { services: [service('rest')] },
        ],
      }),
    ]);
    expect(routed(table, { cookie: 'canary=always; session=a1' })).toBe('regex=1');
    expect(routed(table, { cookie: 'canary=alwaysx' })).toBe('rest=1');
    expect(routed(table, { 'user-agent': 'Mozilla (Linux; Android 14)' })).toBe('contains=1');
    expect(routed(table, { 'x-debug': '' })).toBe('present=1');
  });

  it('never takes a route with a negative header condition, which the lab does not simulate', () => {
    const table = at('app.example.com', [
      root({
        includes: undefined,
        routes: [
          { conditions: [{ header: { name: 'x-canary', notexact: 'insider' } }], services: [service('negative')] },
          { services: [service('rest')] },
        ],
      }),
    ]);
    expect(table?.rules).toEqual([{ matches: [], backends: [{ ...backend('rest', 1) }] }]);
  });

  it('weighs as Contour does: none weighted evenly, else unweighted services get nothing', () => {
    const rules = (services: Array<ReturnType<typeof service>>) =>
      at('app.example.com', [root({ includes: undefined, routes: [{ services }] })])?.rules[0].backends;
    expect(rules([service('a'), service('b')])).toEqual([backend('a', 1), backend('b', 1)]);
    expect(rules([service('a', 30), service('b')])).toEqual([backend('a', 30), backend('b', 0)]);
  });

  it("mirrors the share of a route's requests its mirror service's weight says, all of them without one", () => {
    const mirror = (weight?: number) =>
      at('app.example.com', [
        root({ includes: undefined, routes: [{ services: [service('podinfo-primary', 100), service('podinfo-canary', weight, { mirror: true })] }] }),
      ])?.rules[0];
    expect(mirror(25)).toEqual({
      matches: [],
      backends: [backend('podinfo-primary', 100)],
      mirror: { backend: backend('podinfo-canary', 100), percent: 25 },
    });
    expect(mirror()?.mirror?.percent).toBe(100);
  });

  it("joins an include's prefix with the child's and adds its header conditions; longest prefix first", () => {
    const child: HttpProxyLike = {
      metadata: { name: 'api', namespace: 'backend' },
      spec: { routes: [{ conditions: [{ prefix: '/v1' }], services: [service('api-v1')] }, { services: [service('api')] }] },
    };
    const table = at('app.example.com', [
      root({
        includes: [{ name: 'api', namespace: 'backend', conditions: [{ prefix: '/api', header: { name: 'x-tenant', exact: 'a' } }] }],
        routes: [{ services: [service('web')] }],
      }),
      child,
    ]);
    expect(table?.rules.map(r => [r.matches, r.backends.map(b => `${b.namespace}/${b.service}`)])).toEqual([
      [[{ path: { prefix: '/api/v1' }, headers: [{ name: 'x-tenant', match: { exact: 'a' } }] }], ['backend/api-v1']],
      [[{ path: { prefix: '/api' }, headers: [{ name: 'x-tenant', match: { exact: 'a' } }] }], ['backend/api']],
      [[], ['test/web']],
    ]);
  });

  it('serves the most specific fqdn of a proxy of its class, includes no root proxy, and survives an include cycle', () => {
    const wildcard = root({ virtualhost: { fqdn: '*.example.com' }, includes: undefined, routes: [{ services: [service('wildcard')] }] }, 'wildcard');
    const exact = root({ includes: undefined, routes: [{ services: [service('exact')] }] }, 'exact');
    const otherClass = { ...exact, metadata: { name: 'other' , namespace: 'test'}, spec: { ...exact.spec, ingressClassName: 'internal' } };
    expect(at('app.example.com', [wildcard, exact])?.source.name).toBe('exact');
    expect(at('www.example.com', [wildcard, exact])?.source.name).toBe('wildcard');
    expect(at('app.example.net', [wildcard, exact])).toBeUndefined();
    expect(at('app.example.com', [otherClass])).toBeUndefined();

    const a: HttpProxyLike = { metadata: { name: 'a', namespace: 'test' }, spec: { includes: [{ name: 'b' }], routes: [{ services: [service('a')] }] } };
    const b: HttpProxyLike = { metadata: { name: 'b', namespace: 'test' }, spec: { includes: [{ name: 'a' }, { name: 'exact' }] } };
    const table = at('app.example.com', [root({ includes: [{ name: 'a' }] }), a, b, exact]);
    expect(table?.rules.map(r => r.backends[0].service)).toEqual(['a']);
  });
});
