import { canonicalHost } from '../canonicalHost';
import type { ParentRefLike } from './parentRefAttachesToListener';

/**
 * Whether an HTTPRoute attached to a Service (GAMMA, GEP-1426) routes a request from a client in
 * `clientNamespace` to that Service (`serviceHost`, canonical), and in which role:
 * - a parentRef to a Service of the route's own namespace makes a *producer* route, which
 *   "SHOULD apply to all incoming requests to the service, including from clients in other
 *   namespaces";
 * - one to a Service of another namespace makes a *consumer* route, "scoped only to the same
 *   namespace": it applies to clients of the route's namespace, and for them it wins over the
 *   producer's ("Requests from a namespace with consumer routes will utilize the ... routes in
 *   the consumer namespace").
 * The route's `hostnames` play no part ("GAMMA implementations SHOULD NOT infer any
 * functionality from the hostnames field"), and neither do Gateway parentRefs: a route attached
 * to a Gateway routes only the traffic that gateway receives.
 */
export function gammaRouteRole(
  route: { metadata?: { namespace?: string }; spec?: { parentRefs?: ParentRefLike[] } },
  serviceHost: string,
  clientNamespace: string,
): 'producer' | 'consumer' | undefined {
  const routeNamespace = route.metadata?.namespace ?? 'default';
  let role: 'producer' | 'consumer' | undefined;
  for (const ref of route.spec?.parentRefs ?? []) {
    // The core group is "" (client libraries and Flagger also write "core").
    const isService = ref.kind === 'Service' && ['', 'core'].includes(ref.group ?? '');
    if (!isService || !ref.name) continue;
    const namespace = ref.namespace ?? routeNamespace;
    if (canonicalHost(`${ref.name}.${namespace}`, namespace) !== serviceHost) continue;
    if (namespace === routeNamespace) role ??= 'producer';
    else if (clientNamespace === routeNamespace) role = 'consumer';
  }
  return role;
}
