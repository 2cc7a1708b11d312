import { canonicalHost, serviceOfHost } from '../../canonicalHost';
import { compileStringMatch } from '../../compileStringMatch';
import type { RequestMatch, RouteBackend, RouteRule, RouteTable, StringMatch } from '../../RouteTable';
import type { AppMeshHttpRouteLike, AppMeshMatchMethodLike, AppMeshRef, AppMeshVirtualNodeLike, AppMeshVirtualRouterLike } from './AppMeshObjects';

/** Finds a VirtualNode by namespace and name. */
export type VirtualNodeLookup = (namespace: string, name: string) => AppMeshVirtualNodeLike | undefined;

/**
 * The Service a VirtualNode stands for: the one its DNS service discovery names, which the
 * node's Envoy resolves to reach its endpoints (App Mesh keeps no endpoints of its own).
 * Undefined for a node discovered otherwise (Cloud Map) or naming no Service.
 */
export function virtualNodeService(node: AppMeshVirtualNodeLike | undefined): { service: string; namespace: string } | undefined {
  const hostname = node?.spec?.serviceDiscovery?.dns?.hostname;
  if (!hostname) return undefined;
  return serviceOfHost(canonicalHost(hostname, node?.metadata?.namespace ?? 'default'));
}

/**
 * Compiles a VirtualRouter's routes as App Mesh's Envoy takes them: by `priority` (0 first), the
 * routes without one after them in their order; each route's match (prefix, path, method,
 * headers) all holding; its weighted targets resolved to the Services their VirtualNodes'
 * service discovery names. A route whose match the lab cannot evaluate (a header `range` or
 * `invert`, query parameters) matches nothing here, rather than everything.
 */
export function parseVirtualRouter(router: AppMeshVirtualRouterLike, nodes: VirtualNodeLookup): RouteTable {
  const namespace = router.metadata?.namespace ?? 'default';
  const routes = (router.spec?.routes ?? [])
    .map((route, index) => ({ route, index }))
    .sort((a, b) => (a.route.priority ?? Infinity) - (b.route.priority ?? Infinity) || a.index - b.index);
  const rules: RouteRule[] = routes.flatMap(({ route }) => {
    const http = route.httpRoute ?? route.http2Route;
    if (!http) return [];
    const match = compileMatch(http.match);
    if (!match) return [];
    return [{ matches: Object.keys(match).length > 0 ? [match] : [], backends: backendsOf(http, namespace, nodes) }];
  });
  return { source: { kind: 'VirtualRouter', namespace, name: router.metadata?.name ?? '' }, rules };
}

function backendsOf(http: AppMeshHttpRouteLike, namespace: string, nodes: VirtualNodeLookup): RouteBackend[] {
  return (http.action?.weightedTargets ?? []).flatMap(target => {
    const ref: AppMeshRef = target.virtualNodeRef ?? {};
    if (!ref.name) return [];
    const service = virtualNodeService(nodes(ref.namespace ?? namespace, ref.name));
    return service ? [{ ...service, weight: target.weight ?? 0, ...(target.port ? { port: target.port } : {}) }] : [];
  });
}

/** A route's match as one RequestMatch (`{}`: everything), or null when the lab cannot evaluate it. */
function compileMatch(match: AppMeshHttpRouteLike['match']): RequestMatch | null {
  const result: RequestMatch = {};
  if ((match?.queryParameters ?? []).length > 0) return null;
  if (match?.path) {
    const path = compileStringMatch(match.path);
    if (!path) return null;
    result.path = path;
  } else if (match?.prefix && match.prefix !== '/') {
    // App Mesh's prefix is a plain string prefix of the path, as Envoy's.
    result.path = { prefix: match.prefix };
  }
  if (match?.method) result.method = match.method;
  const headers: NonNullable<RequestMatch['headers']> = [];
  for (const header of match?.headers ?? []) {
    if (!header.name || header.invert) return null;
    const compiled = compileHeaderMatch(header.match);
    if (!compiled) return null;
    headers.push({ name: header.name.toLowerCase(), match: compiled });
  }
  if (headers.length > 0) result.headers = headers;
  return result;
}

/** App Mesh's header match: a header without a match method need only be present. */
function compileHeaderMatch(match: AppMeshMatchMethodLike | undefined): StringMatch | undefined {
  if (!match) return { regex: /^[\s\S]*$/ };
  if (match.range) return undefined;
  if (typeof match.suffix === 'string') return { regex: new RegExp(`^[\\s\\S]*${escapeRegex(match.suffix)}$`) };
  return compileStringMatch(match);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
