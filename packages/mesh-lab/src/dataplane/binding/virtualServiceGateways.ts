import { MESH_GATEWAY, resolveIstioGatewayRef } from './resolveIstioGatewayRef';

/**
 * The gateways a VirtualService applies to, each as `namespace/name` or `mesh`. Istio's
 * VirtualService reference: "When this field is omitted, the default gateway (mesh) will be
 * used, which would apply the rule to all sidecars in the mesh. If a list of gateway names is
 * provided, the rules will apply only to the gateways. To apply the rules to both gateways and
 * sidecars, specify mesh as one of the gateway names." So a gateway-only VirtualService does
 * not route east-west traffic.
 */
export function virtualServiceGateways(vs: {
  metadata?: { namespace?: string };
  spec?: { gateways?: string[] };
}): string[] {
  const gateways = vs.spec?.gateways ?? [];
  if (gateways.length === 0) return [MESH_GATEWAY];
  const namespace = vs.metadata?.namespace ?? 'default';
  return gateways.map(g => resolveIstioGatewayRef(g, namespace));
}
