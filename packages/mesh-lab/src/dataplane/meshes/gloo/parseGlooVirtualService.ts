import { compileStringMatch } from '../../compileStringMatch';
import type { RequestMatch, RouteBackend, RouteRule, RouteTable, StringMatch } from '../../RouteTable';
import type {
  GlooMatcherLike,
  GlooResourceRef,
  GlooRouteLike,
  GlooRouteTableLike,
  GlooUpstreamLike,
  GlooVirtualServiceLike,
} from './GlooObjects';

/** What a Gloo VirtualService's routes read besides itself. */
export interface GlooObjects {
  routeTables: readonly GlooRouteTableLike[];
  upstreams: readonly GlooUpstreamLike[];
}

/** A matcher as Gloo evaluates it once compiled: one path, all headers and query parameters, any method. */
interface Matcher {
  path?: StringMatch;
  headers: NonNullable<RequestMatch['headers']>;
  query: NonNullable<RequestMatch['query']>;
  methods: string[];
}

// Delegation chains deeper than this are a loop (Gloo rejects cycles).
const MAX_DELEGATION_DEPTH = 8;

/**
 * Compiles a Gloo VirtualService into the rules Gloo's gateway-proxy (Envoy) gets, in order
 * (Envoy takes the first route that matches): each route with its matchers (a path by prefix,
 * exact or regex, default prefix `/`; headers exactly, by regex or inverted; query parameters;
 * any of `methods`), its `single` or weighted `multi` upstream destinations, and its `shadowing`
 * option as the rule's mirror. A route with a `delegateAction` stands for the routes of that
 * RouteTable, as Gloo flattens them: each child route keeps its own path unless it inherits the
 * parent's (`inheritablePathMatchers`, by default the parent's setting, false at the
 * VirtualService), and adds the parent's headers, query parameters and methods only with
 * `inheritableMatchers`. A destination names an Upstream, whose kube Service and port serve
 * it, reported as Gloo's Envoy cluster `<upstream>_<namespace>`.
 */
export function parseGlooVirtualService(vs: GlooVirtualServiceLike, objects: GlooObjects): RouteTable {
  const namespace = vs.metadata?.namespace ?? 'default';
  const rules = flatten(vs.spec?.virtualHost?.routes ?? [], namespace, objects, undefined, 0);
  return { source: { kind: 'VirtualService', namespace, name: vs.metadata?.name ?? '' }, rules };
}

interface Parent {
  matchers: Matcher[];
  inheritPath: boolean;
  inheritMatchers: boolean;
}

function flatten(
  routes: readonly GlooRouteLike[],
  namespace: string,
  objects: GlooObjects,
  parent: Parent | undefined,
  depth: number,
): RouteRule[] {
  if (depth > MAX_DELEGATION_DEPTH) return [];
  return routes.flatMap(route => {
    const inheritPath = route.inheritablePathMatchers ?? parent?.inheritPath ?? false;
    const inheritMatchers = route.inheritableMatchers ?? parent?.inheritMatchers ?? false;
    const own = (route.matchers?.length ? route.matchers : [{}]).map(compileMatcher);
    const matchers = parent
      ? parent.matchers.flatMap(p =>
          own.map(c => ({
            path: inheritPath ? p.path : c.path,
            headers: [...(inheritMatchers ? p.headers : []), ...c.headers],
            query: [...(inheritMatchers ? p.query : []), ...c.query],
            methods: c.methods.length > 0 || !inheritMatchers ? c.methods : p.methods,
          })),
        )
      : own;

    const delegate = route.delegateAction;
    if (delegate) {
      const ref = delegate.ref ?? delegate;
      const table = objects.routeTables.find(
        t => t.metadata?.name === ref.name && (t.metadata?.namespace ?? 'default') === (ref.namespace ?? namespace),
      );
      if (!table) return [];
      return flatten(
        table.spec?.routes ?? [],
        table.metadata?.namespace ?? 'default',
        objects,
        { matchers, inheritPath, inheritMatchers },
        depth + 1,
      );
    }

    const action = route.routeAction;
    if (!action) return [];
    const destinations = action.single
      ? [{ upstream: action.single.upstream, weight: 1 }]
      : (action.multi?.destinations ?? []).map(d => ({ upstream: d.destination?.upstream, weight: d.weight ?? 0 }));
    const backends = destinations.flatMap(d => {
      const backend = upstreamBackend(d.upstream, namespace, objects, d.weight);
      return backend ? [backend] : [];
    });
    const shadowing = route.options?.shadowing;
    const mirrorBackend = shadowing && upstreamBackend(shadowing.upstream, namespace, objects, 100);
    const rule: RouteRule = {
      matches: matchers.flatMap(toRequestMatches),
      backends,
      ...(mirrorBackend ? { mirror: { backend: mirrorBackend, percent: shadowing!.percentage ?? 100 } } : {}),
    };
    return [rule];
  });
}

/** An Upstream's kube Service as a backend; undefined for an Upstream Gloo does not know (Envoy answers 503). */
function upstreamBackend(
  ref: GlooResourceRef | undefined,
  namespace: string,
  objects: GlooObjects,
  weight: number,
): RouteBackend | undefined {
  if (!ref?.name) return undefined;
  const upstreamNamespace = ref.namespace ?? namespace;
  const upstream = objects.upstreams.find(
    u => u.metadata?.name === ref.name && (u.metadata?.namespace ?? 'default') === upstreamNamespace,
  );
  const kube = upstream?.spec?.kube;
  if (!kube?.serviceName) return undefined;
  return {
    service: kube.serviceName,
    namespace: kube.serviceNamespace ?? upstreamNamespace,
    ...(kube.servicePort ? { port: kube.servicePort } : {}),
    weight,
    envoyClusterName: `${ref.name}_${upstreamNamespace}`,
  };
}

function compileMatcher(matcher: GlooMatcherLike): Matcher {
  let path: StringMatch | undefined;
  if (typeof matcher.exact === 'string') path = { exact: matcher.exact };
  else if (typeof matcher.regex === 'string') path = compileStringMatch({ regex: matcher.regex });
  else if (typeof matcher.prefix === 'string' && matcher.prefix !== '/') path = { prefix: matcher.prefix };
  const valueMatch = (h: { value?: string; regex?: boolean; invertMatch?: boolean }): StringMatch => {
    // No value: the header must be present, with any value.
    let pattern = '.*';
    if (h.value) pattern = h.regex ? h.value : escapeRegex(h.value);
    return { regex: new RegExp(h.invertMatch ? `^(?!(?:${pattern})$)` : `^(?:${pattern})$`) };
  };
  return {
    path,
    headers: (matcher.headers ?? []).filter(h => h.name).map(h => ({ name: h.name!.toLowerCase(), match: valueMatch(h) })),
    query: (matcher.queryParameters ?? []).filter(q => q.name).map(q => ({ name: q.name!, match: valueMatch(q) })),
    methods: matcher.methods ?? [],
  };
}

/** A matcher as request matches: one per method, or one for any method. */
function toRequestMatches(matcher: Matcher): RequestMatch[] {
  const base = {
    ...(matcher.path ? { path: matcher.path } : {}),
    ...(matcher.headers.length ? { headers: matcher.headers } : {}),
    ...(matcher.query.length ? { query: matcher.query } : {}),
  };
  return matcher.methods.length > 0 ? matcher.methods.map(method => ({ ...base, method })) : [base];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
