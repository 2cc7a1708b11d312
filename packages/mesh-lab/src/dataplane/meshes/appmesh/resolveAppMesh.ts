import { canonicalHost } from '../../canonicalHost';
import type { RouteTable } from '../../RouteTable';
import type { AppMeshObjects, AppMeshRef } from './AppMeshObjects';
import { parseVirtualRouter, virtualNodeService } from './parseVirtualRouter';

/**
 * Where an App Mesh sidecar sends a request for `target` (a canonical host): to the provider of
 * the VirtualService of that name (its `awsName`, `<name>.<namespace>` by default, which clients
 * address as `podinfo.test`; the lab takes the Service's other DNS forms too), the oldest first:
 * its VirtualRouter's routes (parseVirtualRouter) or its VirtualNode alone. A VirtualService
 * whose provider does not exist routes nothing (no rules: Envoy answers 404). Undefined when no
 * VirtualService has the name.
 */
export function resolveAppMesh(target: string, objects: AppMeshObjects): RouteTable | undefined {
  const virtualService = objects.virtualServices.find(vs => {
    const namespace = vs.metadata?.namespace ?? 'default';
    const awsName = vs.spec?.awsName || `${vs.metadata?.name}.${namespace}`;
    return canonicalHost(awsName, namespace) === target;
  });
  if (!virtualService) return undefined;
  const namespace = virtualService.metadata?.namespace ?? 'default';
  const find = <T extends { metadata?: { name?: string; namespace?: string } }>(list: readonly T[], ref: AppMeshRef) =>
    list.find(o => o.metadata?.name === ref.name && (o.metadata?.namespace ?? 'default') === (ref.namespace ?? namespace));

  const routerRef = virtualService.spec?.provider?.virtualRouter?.virtualRouterRef;
  if (routerRef?.name) {
    const router = find(objects.virtualRouters, routerRef);
    if (!router) return { source: { kind: 'VirtualRouter', namespace: routerRef.namespace ?? namespace, name: routerRef.name }, rules: [] };
    return parseVirtualRouter(router, (ns, name) => find(objects.virtualNodes, { name, namespace: ns }));
  }
  const nodeRef = virtualService.spec?.provider?.virtualNode?.virtualNodeRef;
  if (nodeRef?.name) {
    const service = virtualNodeService(find(objects.virtualNodes, nodeRef));
    return {
      source: { kind: 'VirtualNode', namespace: nodeRef.namespace ?? namespace, name: nodeRef.name },
      rules: service ? [{ matches: [], backends: [{ ...service, weight: 1 }] }] : [],
    };
  }
  return { source: { kind: 'VirtualRouter', namespace, name: '' }, rules: [] };
}
