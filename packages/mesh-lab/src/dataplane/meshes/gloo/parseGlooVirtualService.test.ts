import type { GlooMatcherLike, GlooRouteLike } from './GlooObjects';
import { parseGlooVirtualService } from './parseGlooVirtualService';

const upstream = (role: string) => ({
  metadata: { name: `test-podinfo-${role}upstream-9898`, namespace: 'test' },
  spec: { kube: { serviceName: `podinfo-${role}`, serviceNamespace: 'test', servicePort: 9898 } },
});
const upstreams = [upstream('primary'), upstream('canary')];
const ref = (role: string) => ({ name: `test-podinfo-${role}upstream-9898`, namespace: 'test' });
const multi = (primary: number, canary: number) => ({
  multi: {
    destinations: [
      { destination: { upstream: ref('primary') }, weight: primary },
      { destination: { upstream: ref('canary') }, weight: canary },
    ],
  },
});
const backend = (role: string, weight: number) => ({
  service: `podinfo-${role}`,
  namespace: 'test',
  port: 9898,
  weight,
  envoyClusterName: `test-podinfo-${role}upstream-9898_test`,
});
/** The walkthrough's VirtualService for app.example.com, delegating `/` to the Canary's RouteTable. */
const virtualService = (matchers: GlooMatcherLike[] = [{ prefix: '/' }]) => ({
  metadata: { name: 'podinfo', namespace: 'gloo-system' },
  spec: {
    virtualHost: {
      domains: ['app.example.com'],
      routes: [{ matchers, delegateAction: { ref: { name: 'podinfo', namespace: 'test' } } }],
    },
  },
});
const routeTable = (routes: GlooRouteLike[]) => ({ metadata: { name: 'podinfo', namespace: 'test' }, spec: { routes } });

describe('parseGlooVirtualService', () => {
  it("follows the delegation to Vane's RouteTable and weighs its Upstreams' Services, reported as Gloo's Envoy clusters", () => {
    const table = parseGlooVirtualService(virtualService(), {
      routeTables: [routeTable([{ inheritablePathMatchers: true, routeAction: multi(90, 10) }])],
      upstreams,
    });
    expect(table).toEqual({
      source: { kind: 'VirtualService', namespace: 'gloo-system', name: 'podinfo' },
      rules: [{ matches: [{}], backends: [backend('primary', 90), backend('canary', 10)] }],
    });
  });

  it('given A/B, matches headers exactly or by regex on the canary route and sends the rest to the primary', () => {
    const table = parseGlooVirtualService(virtualService(), {
      routeTables: [
        routeTable([
          {
            matchers: [
              { headers: [{ name: 'x-canary', value: 'insider' }] },
              { headers: [{ name: 'Cookie', value: '^(.*?;)?(canary=always)(;.*)?$', regex: true }] },
            ],
            inheritablePathMatchers: true,
            routeAction: multi(0, 100),
          },
          { inheritablePathMatchers: true, routeAction: { single: { upstream: ref('primary') } } },
        ]),
      ],
      upstreams,
    });
    expect(table.rules).toEqual([
      {
        matches: [
          { headers: [{ name: 'x-canary', match: { regex: /^(?:insider)$/ } }] },
          { headers: [{ name: 'cookie', match: { regex: /^(?:^(.*?;)?(canary=always)(;.*)?$)$/ } }] },
        ],
        backends: [backend('primary', 0), backend('canary', 100)],
      },
      { matches: [{}], backends: [backend('primary', 1)] },
    ]);
  });

  it("mirrors by the route's shadowing option, at its percentage", () => {
    const table = parseGlooVirtualService(virtualService(), {
      routeTables: [
        routeTable([
          {
            inheritablePathMatchers: true,
            routeAction: multi(100, 0),
            options: { shadowing: { upstream: ref('canary'), percentage: 50 } },
          },
        ]),
      ],
      upstreams,
    });
    expect(table.rules[0].mirror).toEqual({ backend: backend('canary', 100), percent: 50 });
  });

  it("inherits the delegating route's path with inheritablePathMatchers, and keeps its own without", () => {
    const routes = (inherit: boolean) => [
      { matchers: [{ prefix: '/api/v2' }, { methods: ['POST'] }], inheritablePathMatchers: inherit, routeAction: multi(100, 0) },
    ];
    const objects = (inherit: boolean) => ({ routeTables: [routeTable(routes(inherit))], upstreams });
    const parent = virtualService([{ prefix: '/api', headers: [{ name: 'x-team', value: 'a' }] }]);
    expect(parseGlooVirtualService(parent, objects(true)).rules[0].matches).toEqual([
      { path: { prefix: '/api' } },
      { path: { prefix: '/api' }, method: 'POST' },
    ]);
    expect(parseGlooVirtualService(parent, objects(false)).rules[0].matches).toEqual([
      { path: { prefix: '/api/v2' } },
      { method: 'POST' },
    ]);
  });

  it('adds the parent\'s headers, query parameters and methods with inheritableMatchers', () => {
    const parent = virtualService([{ prefix: '/', headers: [{ name: 'x-team', value: 'a' }], methods: ['GET'] }]);
    const rules = parseGlooVirtualService(parent, {
      routeTables: [
        routeTable([
          {
            matchers: [{ queryParameters: [{ name: 'beta', value: 'yes' }] }],
            inheritableMatchers: true,
            routeAction: multi(100, 0),
          },
        ]),
      ],
      upstreams,
    }).rules;
    expect(rules[0].matches).toEqual([
      {
        headers: [{ name: 'x-team', match: { regex: /^(?:a)$/ } }],
        query: [{ name: 'beta', match: { regex: /^(?:yes)$/ } }],
        method: 'GET',
      },
    ]);
  });

  it('routes to nothing for a destination whose Upstream does not exist, and skips a delegation to a missing RouteTable', () => {
    expect(
      parseGlooVirtualService(virtualService(), {
        routeTables: [routeTable([{ routeAction: { single: { upstream: { name: 'gone', namespace: 'test' } } } }])],
        upstreams,
      }).rules,
    ).toEqual([{ matches: [{}], backends: [] }]);
    expect(parseGlooVirtualService(virtualService(), { routeTables: [], upstreams }).rules).toEqual([]);
  });
});
