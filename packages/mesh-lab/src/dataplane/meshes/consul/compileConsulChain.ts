import { compileStringMatch } from '../../compileStringMatch';
import type { RequestMatch, ResponseHeaderOperations, RouteBackend, RouteRule, RouteTable, StringMatch } from '../../RouteTable';
import type { ConsulConfigEntries, ConsulHeaderModifiersLike, ServiceRouterLike } from './ConsulConfigEntries';

/** The protocols whose discovery chains may route and split by request (Consul's IsProtocolHTTPLike). */
const HTTP_LIKE = new Set(['http', 'http2', 'grpc']);

type HttpMatch = NonNullable<NonNullable<NonNullable<ServiceRouterLike['spec']>['routes']>[number]['match']>['http'];

/** One service a chain ends at, with its share of the traffic (0-100) and the header changes on the way. */
interface Share {
  service: string;
  weight: number;
  headers: ResponseHeaderOperations[];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function operations(modifiers: ConsulHeaderModifiersLike | undefined): ResponseHeaderOperations | undefined {
  if (!modifiers) return undefined;
  const pairs = (map: Record<string, string> | undefined): Array<[string, string]> =>
    Object.entries(map ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]);
  return {
    set: pairs(modifiers.set),
    add: pairs(modifiers.add),
    remove: (modifiers.remove ?? []).map(name => name.toLowerCase()),
  };
}

/** Several steps of header changes as one, in order. */
function merged(steps: ResponseHeaderOperations[]): ResponseHeaderOperations | undefined {
  if (steps.length === 0) return undefined;
  return {
    set: steps.flatMap(s => s.set ?? []),
    add: steps.flatMap(s => s.add ?? []),
    remove: steps.flatMap(s => s.remove ?? []),
  };
}

/**
 * A ServiceRouter route's `match.http` as the lab's request matches (one per method, any of which
 * selects a request), or null when it holds a condition the lab does not evaluate (query
 * parameters, inverted header matches): such a route never matches here.
 */
function requestMatches(http: HttpMatch): RequestMatch[] | null {
  if (!http) return [];
  if ((http.queryParam ?? []).length > 0) return null;
  const headers: NonNullable<RequestMatch['headers']> = [];
  for (const header of http.header ?? []) {
    if (!header.name || header.invert) return null;
    let match: StringMatch | undefined;
    if (header.present) match = { regex: /^[\s\S]*$/ };
    else if (typeof header.suffix === 'string') match = { regex: new RegExp(`^[\\s\\S]*${escapeRegex(header.suffix)}$`) };
    else match = compileStringMatch(header);
    if (!match) return null;
    headers.push({ name: header.name.toLowerCase(), match });
  }
  let path: StringMatch | undefined;
  if (typeof http.pathExact === 'string') path = { exact: http.pathExact };
  // Envoy's prefix is a plain string prefix: /api also matches /apix.
  else if (typeof http.pathPrefix === 'string' && http.pathPrefix !== '/') path = { prefix: http.pathPrefix };
  else if (typeof http.pathRegex === 'string') path = compileStringMatch({ regex: http.pathRegex });
  const base: RequestMatch = { ...(headers.length > 0 ? { headers } : {}), ...(path ? { path } : {}) };
  const methods = http.methods ?? [];
  return methods.length > 0 ? methods.map(method => ({ ...base, method })) : [base];
}

/**
 * Where a request from a Consul sidecar to the service `service` (the Kubernetes Service of that
 * name in `namespace`) goes, as Consul compiles its discovery chain: the service's ServiceRouter
 * (first matching route wins; a catch-all to the service itself after the routes), then the
 * ServiceSplitter of each route's destination (a split to another service, without a subset,
 * through that service's splitter too, weights multiplied), then the ServiceResolver of each
 * service reached (its `redirect`). A route destination or split naming the service itself goes
 * through its splitter; a split naming it, not again. Splits' and route destinations'
 * `responseHeaders` change the answers.
 *
 * Router and splitter apply only when the service speaks http, http2 or grpc (ServiceDefaults,
 * else ProxyDefaults `global`, else tcp) and every service the chain reaches speaks the same:
 * Consul refuses such config entries otherwise (their CRDs stay Synced=False), so the lab
 * ignores them. Config entries apply to the Services of their own namespace, as with Consul
 * Enterprise namespaces mirrored from Kubernetes (Consul CE has one namespace: names there are
 * unique anyway). Not simulated: resolver subsets (their filters are not evaluated, a subset is
 * the whole service), failover, query parameter and inverted header matches (such a route never
 * matches). Undefined when no config entry names the service.
 */
export function compileConsulChain(service: string, namespace: string, entries: ConsulConfigEntries): RouteTable | undefined {
  const named = <T extends { metadata?: { name?: string; namespace?: string } }>(list: readonly T[], name: string) =>
    list.find(e => e.metadata?.name === name && (e.metadata?.namespace ?? 'default') === namespace);
  const router = named(entries.serviceRouters, service);
  const splitter = named(entries.serviceSplitters, service);
  const resolver = named(entries.serviceResolvers, service);
  if (!router && !splitter && !resolver) return undefined;

  const global = entries.proxyDefaults.find(p => p.metadata?.name === 'global');
  const protocolOf = (name: string) =>
    named(entries.serviceDefaults, name)?.spec?.protocol || global?.spec?.config?.protocol || 'tcp';
  const protocol = protocolOf(service);

  const compile = (advanced: boolean) => {
    const targets = new Set<string>();
    let splits = false;
    const resolve = (name: string): Share => {
      const seen = new Set([name]);
      let current = name;
      for (;;) {
        const next = named(entries.serviceResolvers, current)?.spec?.redirect?.service;
        if (!next || seen.has(next)) break;
        seen.add(next);
        current = next;
      }
      targets.add(current);
      return { service: current, weight: 100, headers: [] };
    };
    const splitOrResolve = (name: string, splitting: ReadonlySet<string> = new Set()): Share[] => {
      const entry = advanced ? named(entries.serviceSplitters, name) : undefined;
      if (!entry || splitting.has(name)) return [resolve(name)];
      splits = true;
      const inside = new Set([...splitting, name]);
      return (entry.spec?.splits ?? []).flatMap(split => {
        const target = split.service || name;
        const headers = operations(split.responseHeaders);
        const shares = target !== name && !split.serviceSubset ? splitOrResolve(target, inside) : [resolve(target)];
        return shares.map(share => ({
          ...share,
          weight: ((split.weight ?? 0) * share.weight) / 100,
          headers: headers ? [...share.headers, headers] : share.headers,
        }));
      });
    };
    const backends = (shares: Share[]): RouteBackend[] =>
      shares.map(share => {
        const responseHeaders = merged(share.headers);
        return { service: share.service, namespace, weight: share.weight, ...(responseHeaders ? { responseHeaders } : {}) };
      });

    const rules: RouteRule[] = [];
    const routes = advanced && router !== undefined;
    if (routes) {
      for (const route of router.spec?.routes ?? []) {
        const matches = requestMatches(route.match?.http);
        if (!matches) continue;
        const destination = route.destination ?? {};
        const target = destination.service || service;
        const responseHeaders = operations(destination.responseHeaders);
        rules.push({
          matches,
          backends: backends(destination.serviceSubset ? [resolve(target)] : splitOrResolve(target)),
          ...(responseHeaders ? { responseHeaders } : {}),
        });
      }
    }
    rules.push({ matches: [], backends: backends(splitOrResolve(service)) });
    let kind: 'ServiceRouter' | 'ServiceSplitter' | 'ServiceResolver' = 'ServiceResolver';
    if (routes) kind = 'ServiceRouter';
    else if (splits) kind = 'ServiceSplitter';
    return { rules, targets, kind };
  };

  let chain = compile(HTTP_LIKE.has(protocol));
  if (chain.kind !== 'ServiceResolver' && [...chain.targets].some(target => protocolOf(target) !== protocol)) {
    chain = compile(false);
  }
  // Only a resolver's redirect is left of a chain Consul would not take: without one, the Service answers.
  if (chain.kind === 'ServiceResolver' && !resolver?.spec?.redirect?.service) return undefined;
  return { source: { kind: chain.kind, namespace, name: service }, rules: chain.rules };
}
