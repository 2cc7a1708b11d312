import { wildcardHostMatches } from './wildcardHostMatches';

/**
 * The hostnames an HTTPRoute serves on a Listener: the intersection of the Listener's
 * `hostname` and the route's `hostnames`, by Gateway API's hostname intersection
 * (concepts/hostnames):
 * - both precise: they must be equal;
 * - one a wildcard that covers the other precise one: the precise one;
 * - both wildcards: the more specific one, if one covers the other;
 * - `*`, or no hostname at all on either side, intersects with anything.
 * An empty answer means the route does not attach to that Listener: "If both the Listener and
 * HTTPRoute have specified hostnames, and none match with the criteria above, then the
 * HTTPRoute is not accepted" (HTTPRouteSpec.hostnames).
 */
export function intersectHostnames(
  listenerHostname: string | undefined,
  routeHostnames: readonly string[] | undefined,
): string[] {
  const listener = (listenerHostname || '*').toLowerCase();
  const routes = routeHostnames?.length ? routeHostnames.map(h => h.toLowerCase()) : ['*'];
  const intersected = new Set<string>();
  for (const route of routes) {
    // The narrower of the two when one covers the other; wildcards cover by their suffix.
    if (covers(listener, route)) intersected.add(route);
    else if (covers(route, listener)) intersected.add(listener);
  }
  return [...intersected];
}

/** Whether every host `inner` covers is also covered by `outer`. */
function covers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (inner === '*') return false;
  // `*.example.com` covers `*.a.example.com` as it covers `x.a.example.com`.
  const innerExample = inner.startsWith('*.') ? `x${inner.slice(1)}` : inner;
  return wildcardHostMatches(outer, innerExample);
}
