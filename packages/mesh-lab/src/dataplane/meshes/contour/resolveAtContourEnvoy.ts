import { hostSpecificity } from '../../binding/hostSpecificity';
import { wildcardHostMatches } from '../../binding/wildcardHostMatches';
import type { GatewayEntrance } from '../../GatewayEntrance';
import type { RequestMatch, RouteBackend, RouteRule, RouteTable, StringMatch } from '../../RouteTable';
import type { RoutingObjects } from '../../RoutingObjects';

interface HeaderConditionLike {
  name?: string;
  present?: boolean;
  notpresent?: boolean;
  contains?: string;
  notcontains?: string;
  exact?: string;
  notexact?: string;
  regex?: string;
}

interface ConditionLike {
  prefix?: string;
  exact?: string;
  regex?: string;
  header?: HeaderConditionLike;
}

interface ProxyServiceLike {
  name?: string;
  port?: number;
  weight?: number;
  mirror?: boolean;
}

/** The parts of a projectcontour.io/v1 HTTPProxy Contour's Envoy routing reads. */
export interface HttpProxyLike {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    ingressClassName?: string;
    virtualhost?: { fqdn?: string };
    includes?: Array<{ name?: string; namespace?: string; conditions?: ConditionLike[] }>;
    routes?: Array<{
      conditions?: ConditionLike[];
      services?: ProxyServiceLike[];
    }>;
  };
}

/** Contour's default ingress class (`--ingress-class-name` unset serves proxies without one, and `contour`). */
const CONTOUR_CLASS = 'contour';

interface FlatRoute {
  namespace: string;
  prefix: string;
  exact?: string;
  regex?: string;
  headers: HeaderConditionLike[];
  services: ProxyServiceLike[];
}

/**
 * Where Contour's Envoy sends a request for `host`: the root HTTPProxy whose
 * `virtualhost.fqdn` covers the Host (exact, then the longest `*.` wildcard; the oldest among
 * equals, where Contour would mark a duplicate fqdn invalid), of Contour's class (none, or
 * `contour`), with the routes of the proxies it `includes` (recursively, each include's
 * conditions prefixed to the child's: a prefix joined, headers added). Routes are tried as
 * Contour orders Envoy's: an exact path, then a regex, then the longest prefix, and for the same
 * path the route with more header conditions first. Conditions hold together (AND): a string
 * `prefix`, `exact` or `regex` path; headers by `exact`, `contains`, `regex` or `present`
 * (a route with a negative header condition, which the lab does not simulate, never matches).
 * Services are weighted as Contour weighs them (none weighted: evenly; some: the others get 0);
 * a `mirror` service receives `weight` percent (default all) of the route's requests.
 * Undefined when no root proxy serves the Host: Envoy answers 404.
 */
export function resolveAtContourEnvoy(
  // Every HTTPProxy of the class applies, whichever Envoy pod took the request.
  _entrance: GatewayEntrance,
  host: string,
  objects: RoutingObjects,
): RouteTable | undefined {
  const served = objects.httpProxies.filter(servedByContour);
  let root: { proxy: HttpProxyLike; specificity: number } | undefined;
  for (const proxy of served) {
    const fqdn = proxy.spec?.virtualhost?.fqdn?.toLowerCase();
    if (!fqdn || !wildcardHostMatches(fqdn, host)) continue;
    const specificity = hostSpecificity(fqdn);
    if (!root || specificity > root.specificity) root = { proxy, specificity };
  }
  if (!root) return undefined;

  const routes: FlatRoute[] = [];
  const visit = (proxy: HttpProxyLike, prefix: string, headers: HeaderConditionLike[], seen: Set<HttpProxyLike>) => {
    if (seen.has(proxy)) return;
    const namespace = proxy.metadata?.namespace ?? 'default';
    const inner = new Set(seen).add(proxy);
    for (const route of proxy.spec?.routes ?? []) {
      const conditions = route.conditions ?? [];
      routes.push({
        namespace,
        prefix: joinPrefix(prefix, conditions.find(c => c.prefix !== undefined)?.prefix),
        exact: conditions.find(c => c.exact !== undefined)?.exact,
        regex: conditions.find(c => c.regex !== undefined)?.regex,
        headers: [...headers, ...conditions.flatMap(c => (c.header ? [c.header] : []))],
        services: route.services ?? [],
      });
    }
    for (const include of proxy.spec?.includes ?? []) {
      const child = served.find(
        p => p.metadata?.name === include.name && (p.metadata?.namespace ?? 'default') === (include.namespace ?? namespace),
      );
      // Contour refuses to include a root proxy (one with a virtualhost).
      if (!child || child.spec?.virtualhost) continue;
      const conditions = include.conditions ?? [];
      visit(
        child,
        joinPrefix(prefix, conditions.find(c => c.prefix !== undefined)?.prefix),
        [...headers, ...conditions.flatMap(c => (c.header ? [c.header] : []))],
        inner,
      );
    }
  };
  visit(root.proxy, '/', [], new Set());

  // Exact paths first, then regexes, then prefixes.
  const rank = (r: FlatRoute) => Number(r.exact !== undefined) * 2 + Number(r.regex !== undefined);
  const ordered = routes
    .map((route, index) => ({ route, index }))
    .sort(
      (a, b) =>
        rank(b.route) - rank(a.route) ||
        b.route.prefix.length - a.route.prefix.length ||
        b.route.headers.length - a.route.headers.length ||
        a.index - b.index,
    )
    .map(({ route }) => route);
  return {
    source: {
      kind: 'HTTPProxy',
      namespace: root.proxy.metadata?.namespace ?? 'default',
      name: root.proxy.metadata?.name ?? '',
    },
    rules: ordered.flatMap(route => {
      const rule = toRule(route);
      return rule ? [rule] : [];
    }),
  };
}

function servedByContour(proxy: HttpProxyLike): boolean {
  const className =
    proxy.spec?.ingressClassName ??
    proxy.metadata?.annotations?.['projectcontour.io/ingress.class'] ??
    proxy.metadata?.annotations?.['kubernetes.io/ingress.class'];
  return className === undefined || className === CONTOUR_CLASS;
}

/** Contour joins an include's prefix and the child's as paths: `/` + `/` is `/`, `/api` + `/v1` is `/api/v1`. */
function joinPrefix(parent: string, child: string | undefined): string {
  if (!child || child === '/') return parent;
  if (parent === '/') return child;
  return `${parent.replace(/\/$/, '')}/${child.replace(/^\//, '')}`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function headerMatch(condition: HeaderConditionLike): StringMatch | undefined | 'never' {
  if (condition.exact !== undefined) return { exact: condition.exact };
  // Envoy's safe_regex matches the whole value.
  if (condition.regex !== undefined) return { regex: new RegExp(`^(?:${condition.regex})$`) };
  if (condition.contains !== undefined) return { regex: new RegExp(escapeRegex(condition.contains)) };
  if (condition.present) return { regex: /.*/ };
  return 'never';
}

function toRule(route: FlatRoute): RouteRule | undefined {
  const headers: NonNullable<RequestMatch['headers']> = [];
  for (const condition of route.headers) {
    if (!condition.name) continue;
    const match = headerMatch(condition);
    if (match === 'never') return undefined;
    if (match) headers.push({ name: condition.name.toLowerCase(), match });
  }
  let path: StringMatch | undefined;
  if (route.exact !== undefined) path = { exact: route.exact };
  else if (route.regex !== undefined) path = { regex: new RegExp(`^(?:${route.regex})$`) };
  else if (route.prefix !== '/') path = { prefix: route.prefix };
  const match: RequestMatch = { ...(path ? { path } : {}), ...(headers.length > 0 ? { headers } : {}) };

  const named = route.services.filter(s => s.name);
  const weighted = named.filter(s => !s.mirror);
  const anyWeight = weighted.some(s => s.weight !== undefined && s.weight > 0);
  const backend = (service: ProxyServiceLike, weight: number): RouteBackend => ({
    service: service.name!,
    namespace: route.namespace,
    ...(service.port !== undefined ? { port: service.port } : {}),
    weight,
  });
  const mirror = named.find(s => s.mirror);
  return {
    matches: path || headers.length > 0 ? [match] : [],
    backends: weighted.map(s => backend(s, anyWeight ? s.weight ?? 0 : 1)),
    // Contour mirrors all of a route's requests unless the mirror's weight says what share.
    ...(mirror ? { mirror: { backend: backend(mirror, 100), percent: mirror.weight || 100 } } : {}),
  };
}
