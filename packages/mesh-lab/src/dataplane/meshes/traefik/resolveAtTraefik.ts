import type { RequestMatch, RouteRule, RouteTable } from '../../RouteTable';
import type { RoutingObjects } from '../../RoutingObjects';
import { parseTraefikRule, TraefikMatcherCall } from './parseTraefikRule';
import { resolveTraefikServices } from './resolveTraefikServices';

/**
 * Where a request that arrives at Traefik goes: the routes of every IngressRoute whose rule
 * can hold for the Host, highest priority first (a route's `priority`, else the length of its
 * rule, as Traefik orders routers; ties by age), each a rule matching the rest of its rule
 * (paths, headers, methods, query) and sending to its services (resolveTraefikServices). The
 * lab's Traefik serves every entry point and IngressRoutes of every namespace. Undefined when
 * no route's rule can hold for the Host: Traefik answers 404.
 *
 * @param host - the Host header, lower-case, without port.
 */
export function resolveAtTraefik(host: string, objects: RoutingObjects): RouteTable | undefined {
  const candidates: Array<{ priority: number; order: number; rule: RouteRule; source: RouteTable['source'] }> = [];
  for (const ingressRoute of objects.ingressRoutes) {
    const namespace = ingressRoute.metadata?.namespace ?? 'default';
    for (const route of ingressRoute.spec?.routes ?? []) {
      if ((route.kind ?? 'Rule') !== 'Rule' || !route.match) continue;
      const conjuncts = parseTraefikRule(route.match);
      const matches = (conjuncts ?? []).flatMap(calls => requestMatchesFor(calls, host) ?? []);
      if (matches.length === 0) continue;
      candidates.push({
        priority: route.priority || route.match.length,
        order: candidates.length,
        rule: { matches, ...resolveTraefikServices(route.services ?? [], namespace, objects.traefikServices) },
        source: { kind: 'IngressRoute', namespace, name: ingressRoute.metadata?.name ?? '' },
      });
    }
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.priority - a.priority || a.order - b.order);
  return { source: candidates[0].source, rules: candidates.map(c => c.rule) };
}

/**
 * The request matches of one conjunction of matcher calls for a request to `host`; undefined
 * when its host matchers reject the host, or it uses a matcher the lab does not simulate
 * (ClientIP, a negation): such a router never takes the lab's requests.
 */
function requestMatchesFor(calls: TraefikMatcherCall[], host: string): RequestMatch[] | undefined {
  const match: RequestMatch = {};
  let methods: string[] | undefined;
  for (const call of calls) {
    if (call.negated) return undefined;
    const [first, second] = call.args;
    switch (call.name) {
      case 'Host':
        if (!call.args.some(h => h.toLowerCase() === host)) return undefined;
        break;
      case 'HostRegexp':
        if (!new RegExp(first).test(host)) return undefined;
        break;
      case 'Path':
        if (match.path) return undefined;
        match.path = { exact: first };
        break;
      case 'PathPrefix':
        if (match.path) return undefined;
        match.path = { prefix: first };
        break;
      case 'PathRegexp':
        if (match.path) return undefined;
        match.path = { regex: new RegExp(first) };
        break;
      case 'Header':
      case 'Headers':
        match.headers = [...(match.headers ?? []), { name: first.toLowerCase(), match: { exact: second } }];
        break;
      case 'HeaderRegexp':
      case 'HeadersRegexp':
        match.headers = [...(match.headers ?? []), { name: first.toLowerCase(), match: { regex: new RegExp(second) } }];
        break;
      case 'Method':
        methods = call.args;
        break;
      case 'Query': {
        // Traefik v3: Query(`name`, `value`); v2: Query(`name=value`).
        const [name, value] = second !== undefined ? [first, second] : first.split('=');
        match.query = [...(match.query ?? []), { name, match: { exact: value ?? '' } }];
        break;
      }
      default:
        return undefined;
    }
  }
  return methods ? methods.map(method => ({ ...match, method })) : [match];
}
