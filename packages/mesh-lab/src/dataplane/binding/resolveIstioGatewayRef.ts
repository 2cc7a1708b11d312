/** The reserved gateway name that stands for every sidecar of the mesh (east-west traffic). */
export const MESH_GATEWAY = 'mesh';

/**
 * Resolves one entry of a VirtualService's `spec.gateways` to `namespace/name` (or `mesh`),
 * as Istio does (resolveGatewayName in pilot/pkg/model/virtualservice.go):
 * - `mesh` stays `mesh`;
 * - `namespace/name` names a Gateway in that namespace, `./name` one in the VirtualService's;
 * - a bare `name` (no dot) names a Gateway in the VirtualService's namespace ("specifying a
 *   gateway with no namespace qualifier is the same as specifying the VirtualService's
 *   namespace", VirtualService reference);
 * - the legacy FQDN form `name.namespace.svc.cluster.local` (or `name.namespace`), which
 *   Flagger's docs use, names Gateway `name` in `namespace`.
 */
export function resolveIstioGatewayRef(ref: string, virtualServiceNamespace: string): string {
  if (ref === MESH_GATEWAY) return MESH_GATEWAY;
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const namespace = ref.slice(0, slash);
    return `${namespace === '.' ? virtualServiceNamespace : namespace}/${ref.slice(slash + 1)}`;
  }
  const [name, namespace] = ref.split('.');
  return namespace === undefined ? `${virtualServiceNamespace}/${name}` : `${namespace}/${name}`;
}
