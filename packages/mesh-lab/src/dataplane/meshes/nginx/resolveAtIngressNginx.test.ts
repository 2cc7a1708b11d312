import type { GatewayEntrance } from '../../GatewayEntrance';
import { matchRequest } from '../../matchRequest';
import { routingObjectsOf } from '../../routingObjectsOf';
import { resolveAtIngressNginx, type IngressLike } from './resolveAtIngressNginx';

describe('resolveAtIngressNginx', () => {
  const controller: GatewayEntrance = {
    ref: 'ingress-nginx/ingress-nginx-controller',
    kind: 'ingress-nginx',
    proxy: { workload: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels: {}, pod: 'ingress-nginx-controller-7d9-abcde' },
    address: '10.0.0.30',
  };
  const nginxClass = { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } };

  /** Flagger's walkthrough Ingress: app.example.com, every path to the apex Service. */
  const podinfo = (overrides: { host?: string; path?: string; pathType?: string; service?: string; name?: string } = {}): IngressLike => ({
    metadata: { name: overrides.name ?? 'podinfo', namespace: 'test', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    spec: {
      rules: [
        {
          ...(overrides.host === '' ? {} : { host: overrides.host ?? 'app.example.com' }),
          http: {
            paths: [
              {
                pathType: overrides.pathType ?? 'Prefix',
                path: overrides.path ?? '/',
                backend: { service: { name: overrides.service ?? 'podinfo', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  });
  /** What Vane's and Flagger's nginx router write: the Ingress copied, backend renamed, canary annotations. */
  const canaryOf = (main: IngressLike, annotations: Record<string, string>): IngressLike => ({
    metadata: {
      name: `${main.metadata!.name}-canary`,
      namespace: 'test',
      annotations: {
        'kubernetes.io/ingress.class': 'nginx',
        'nginx.ingress.kubernetes.io/canary': 'true',
        ...Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`nginx.ingress.kubernetes.io/${k}`, v])),
      },
    },
    spec: {
      rules: main.spec!.rules!.map(rule => ({
        ...rule,
        http: {
          paths: rule.http!.paths!.map(p => ({
            ...p,
            backend: { service: { ...p.backend!.service, name: `${p.backend!.service!.name}-canary` } },
          })),
        },
      })),
    },
  });
  const at = (host: string, ingresses: IngressLike[], ingressClasses = [nginxClass]) =>
    resolveAtIngressNginx(controller, host, routingObjectsOf({ ingresses, ingressClasses }));
  const labels = (canary: string) => ({ namespace: 'test', ingress: 'podinfo', service: 'podinfo', path: '/', canary });
  const primary = (weight: number) => ({ service: 'podinfo', namespace: 'test', port: 80, weight, nginx: labels('') });
  const canary = (weight: number) => ({
    service: 'podinfo-canary',
    namespace: 'test',
    port: 80,
    weight,
    nginx: labels('test-podinfo-canary-80'),
  });
  /** Which Service the first rule a request matches sends it to, and with what weights. */
  const routed = (table: ReturnType<typeof at>, headers: Record<string, string> = {}, path = '/') =>
    table?.rules
      .find(rule => matchRequest(rule.matches, { method: 'GET', path, headers }))
      ?.backends.map(b => `${b.service}=${b.weight}`)
      .join(',');

  it("splits Flagger's walkthrough Ingress by its canary's canary-weight, the canary labelled with its upstream", () => {
    const main = podinfo();
    expect(at('app.example.com', [main, canaryOf(main, { 'canary-weight': '20' })])).toEqual({
      source: { kind: 'Ingress', namespace: 'test', name: 'podinfo' },
      rules: [{ matches: [], backends: [primary(80), canary(20)] }],
    });
  });

  it('sends everything to the main backend without a canary Ingress, or with one at weight 0', () => {
    const main = podinfo();
    expect(at('app.example.com', [main])?.rules).toEqual([{ matches: [], backends: [primary(1)] }]);
    expect(at('app.example.com', [main, canaryOf(main, { 'canary-weight': '0' })])?.rules).toEqual([
      { matches: [], backends: [primary(100), canary(0)] },
    ]);
  });

  it('honours canary-weight-total', () => {
    const main = podinfo();
    const table = at('app.example.com', [main, canaryOf(main, { 'canary-weight': '5', 'canary-weight-total': '1000' })]);
    expect(table?.rules.at(-1)?.backends).toEqual([primary(995), canary(5)]);
  });

  it('takes a header with canary-by-header-value, then the cookie, then the weight, as balancer.lua does', () => {
    const main = podinfo();
    const table = at('app.example.com', [
      main,
      canaryOf(main, {
        'canary-weight': '0',
        'canary-by-header': 'X-Canary',
        'canary-by-header-value': 'insider',
        'canary-by-cookie': 'canary',
      }),
    ]);
    expect(table?.rules.map(r => r.matches)).toEqual([
      [{ headers: [{ name: 'x-canary', match: { exact: 'insider' } }] }],
      [{ headers: [{ name: 'cookie', match: { regex: /(^|;\s*)canary=always(;|$)/ } }] }],
      [{ headers: [{ name: 'cookie', match: { regex: /(^|;\s*)canary=never(;|$)/ } }] }],
      [],
    ]);
    expect(routed(table, { 'x-canary': 'insider' })).toBe('podinfo-canary=1');
    // Another value falls through to the cookie and the weight.
    expect(routed(table, { 'x-canary': 'outsider' })).toBe('podinfo=100,podinfo-canary=0');
    expect(routed(table, { 'x-canary': 'outsider', cookie: 'session=a; canary=always' })).toBe('podinfo-canary=1');
    expect(routed(table, { cookie: 'canary=never' })).toBe('podinfo=1');
    expect(routed(table, { cookie: 'notcanary=always' })).toBe('podinfo=100,podinfo-canary=0');
  });

  it('takes canary-by-header-pattern as an unanchored regex, and without value or pattern the header values always and never', () => {
    const main = podinfo();
    const pattern = at('app.example.com', [main, canaryOf(main, { 'canary-by-header': 'user-agent', 'canary-by-header-pattern': 'Android' })]);
    expect(routed(pattern, { 'user-agent': 'Mozilla/5.0 (Linux; Android 14)' })).toBe('podinfo-canary=1');
    expect(routed(pattern, { 'user-agent': 'Mozilla/5.0 (iPhone)' })).toBe('podinfo=100,podinfo-canary=0');

    const plain = at('app.example.com', [main, canaryOf(main, { 'canary-weight': '100', 'canary-by-header': 'x-canary' })]);
    expect(routed(plain, { 'x-canary': 'always' })).toBe('podinfo-canary=1');
    // never keeps the request off the canary, whatever the weight says.
    expect(routed(plain, { 'x-canary': 'never' })).toBe('podinfo=1');
    expect(routed(plain, { 'x-canary': 'maybe' })).toBe('podinfo=0,podinfo-canary=100');
  });

  it('serves the most specific rule host, then the default server of rules without host, and nothing else', () => {
    const exact = podinfo({ name: 'exact', service: 'exact' });
    const wildcard = podinfo({ name: 'wildcard', host: '*.example.com', service: 'wildcard' });
    const fallback = podinfo({ name: 'fallback', host: '', service: 'fallback' });
    const source = (host: string, ingresses: IngressLike[]) => at(host, ingresses)?.source.name;
    expect(source('app.example.com', [wildcard, exact, fallback])).toBe('exact');
    expect(source('www.example.com', [wildcard, exact, fallback])).toBe('wildcard');
    expect(source('10.0.0.30', [wildcard, exact, fallback])).toBe('fallback');
    expect(source('10.0.0.30', [wildcard, exact])).toBeUndefined();
  });

  it('serves only the Ingresses of its class: ingressClassName of its controller, the legacy annotation, or its default class', () => {
    const byClassName = (className: string): IngressLike => ({
      ...podinfo(),
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { ...podinfo().spec, ingressClassName: className },
    });
    const unclassed: IngressLike = { ...podinfo(), metadata: { name: 'podinfo', namespace: 'test' } };
    const traefik = { metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } };
    const defaultNginx = { ...nginxClass, metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } };
    expect(at('app.example.com', [byClassName('nginx')], [nginxClass, traefik])).toBeDefined();
    expect(at('app.example.com', [byClassName('traefik')], [nginxClass, traefik])).toBeUndefined();
    expect(at('app.example.com', [byClassName('missing')], [nginxClass])).toBeUndefined();
    expect(at('app.example.com', [{ ...podinfo(), metadata: { name: 'p', annotations: { 'kubernetes.io/ingress.class': 'traefik' } } }])).toBeUndefined();
    expect(at('app.example.com', [unclassed], [nginxClass])).toBeUndefined();
    expect(at('app.example.com', [unclassed], [defaultNginx])).toBeDefined();
  });

  it('tries Exact paths first, then the longest prefix; Prefix matches whole path elements', () => {
    const api = podinfo({ name: 'api', path: '/api', service: 'api' });
    const health = podinfo({ name: 'health', path: '/api/healthz', pathType: 'Exact', service: 'health' });
    const root = podinfo({ name: 'root', service: 'root' });
    const table = at('app.example.com', [root, api, health]);
    const to = (path: string) => routed(table, {}, path);
    expect(to('/api/healthz')).toBe('health=1');
    expect(to('/api/v1')).toBe('api=1');
    expect(to('/api')).toBe('api=1');
    expect(to('/apix')).toBe('root=1');
    expect(to('/')).toBe('root=1');
  });

  it('ignores a canary Ingress whose host and path no main Ingress has, and a second main Ingress for the same path', () => {
    const main = podinfo();
    const stray = canaryOf(podinfo({ host: 'other.example.com' }), { 'canary-weight': '50' });
    expect(at('app.example.com', [main, stray])?.rules).toEqual([{ matches: [], backends: [primary(1)] }]);
    const younger = podinfo({ name: 'younger', service: 'younger' });
    expect(at('app.example.com', [main, younger])?.rules).toEqual([{ matches: [], backends: [primary(1)] }]);
  });
});
