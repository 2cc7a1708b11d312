/** The parts of a Gateway API `Gateway` the data plane reads. */
export interface GatewayApiGatewayLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    gatewayClassName?: string;
    listeners?: GatewayListenerLike[];
  };
  status?: { addresses?: Array<{ type?: string; value?: string }> };
}

export interface GatewayListenerLike {
  name?: string;
  hostname?: string;
  port?: number;
  protocol?: string;
  allowedRoutes?: {
    namespaces?: {
      from?: 'All' | 'Same' | 'Selector' | string;
      selector?: { matchLabels?: Record<string, string> };
    };
    kinds?: Array<{ group?: string; kind?: string }>;
  };
}

export interface ParentRefLike {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  sectionName?: string;
  port?: number;
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * Whether an HTTPRoute's parentRef attaches it to one Listener of a Gateway, as Gateway API's
 * ParentReference and Listener.allowedRoutes define it:
 * - group and kind default to `gateway.networking.k8s.io` and `Gateway`; namespace to the route's;
 * - `sectionName` names the Listener ("When unspecified (empty string), this will reference the
 *   entire resource"), `port` its port;
 * - the Listener admits routes from its own namespace only unless `allowedRoutes.namespaces.from`
 *   is `All`, or `Selector` with labels the route's namespace carries (the default is `Same`);
 * - `allowedRoutes.kinds`, when given, must list HTTPRoute.
 * Hostnames are the other condition of attachment (intersectHostnames).
 */
export function parentRefAttachesToListener(
  ref: ParentRefLike,
  routeNamespace: string,
  gateway: { namespace: string; name: string },
  listener: GatewayListenerLike,
  routeNamespaceLabels: Record<string, string> = {},
): boolean {
  if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (ref.kind ?? 'Gateway') !== 'Gateway') return false;
  if (ref.name !== gateway.name || (ref.namespace ?? routeNamespace) !== gateway.namespace) return false;
  if (ref.sectionName && ref.sectionName !== listener.name) return false;
  if (ref.port !== undefined && ref.port !== listener.port) return false;

  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  const namespaceAllowed =
    from === 'All' ||
    (from === 'Same' && routeNamespace === gateway.namespace) ||
    (from === 'Selector' &&
      Object.entries(listener.allowedRoutes?.namespaces?.selector?.matchLabels ?? {}).every(
        ([k, v]) => routeNamespaceLabels[k] === v,
      ));
  const kinds = listener.allowedRoutes?.kinds;
  const kindAllowed =
    !kinds?.length || kinds.some(k => (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && k.kind === 'HTTPRoute');
  return namespaceAllowed && kindAllowed;
}
