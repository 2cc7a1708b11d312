import { gammaRouteRole } from './binding/gammaRouteRole';
import { hostSpecificity } from './binding/hostSpecificity';
import { MESH_GATEWAY } from './binding/resolveIstioGatewayRef';
import { virtualServiceGateways } from './binding/virtualServiceGateways';
import { wildcardHostMatches } from './binding/wildcardHostMatches';
import { canonicalHost, serviceOfHost } from './canonicalHost';
import { resolveAppMesh } from './meshes/appmesh/resolveAppMesh';
import { resolveKuma } from './meshes/kuma/resolveKuma';
import { compileConsulChain } from './meshes/consul/compileConsulChain';
import { parseHttpRoute } from './parseHttpRoute';
import { parseTrafficSplit, trafficSplitApex } from './parseTrafficSplit';
import { parseVirtualService } from './parseVirtualService';
import type { RouteTable } from './RouteTable';
import type { RoutingObjects } from './RoutingObjects';

/**
 * Where a request sent from inside the mesh goes, first match wins:
 * 1. a VirtualService bound to `mesh` (no `gateways`, or `mesh` among them) with a host that
 *    covers the request's, the most specific host first, then the oldest; `*` does not count,
 *    Istio refuses it on mesh-bound VirtualServices ("wildcard host * is not allowed for
 *    virtual services bound to the mesh gateway");
 * 2. an HTTPRoute attached to the Service (GAMMA): a consumer route of the client's namespace
 *    before the producer's, each the oldest;
 * 3. a TrafficSplit of the Service (SMI);
 * 4. an App Mesh VirtualService of that name (resolveAppMesh);
 * 5. a Kuma TrafficRoute of the Service (resolveKuma);
 * 6. Consul's discovery chain of the Service: its ServiceRouter, ServiceSplitter, ServiceResolver
 *    (compileConsulChain);
 * 7. the Service itself.
 * A VirtualService bound only to gateways, or an HTTPRoute attached to a Gateway, routes
 * nothing here. Undefined when no route nor Service serves the host.
 *
 * @param host - the Host the client sends (`podinfo`, `podinfo.test`, FQDN or another name).
 */
export function resolveEastWest(
  host: string,
  clientNamespace: string,
  objects: RoutingObjects,
): RouteTable | undefined {
  const target = canonicalHost(host, clientNamespace);

  let bestVs: { vs: (typeof objects.virtualServices)[number]; specificity: number } | undefined;
  for (const vs of objects.virtualServices) {
    if (!virtualServiceGateways(vs).includes(MESH_GATEWAY)) continue;
    const vsNamespace = vs.metadata?.namespace ?? 'default';
    for (const vsHost of vs.spec?.hosts ?? []) {
      if (vsHost === '*') continue;
      const pattern = vsHost.startsWith('*.') ? vsHost.toLowerCase() : canonicalHost(vsHost, vsNamespace);
      if (!wildcardHostMatches(pattern, target)) continue;
      const specificity = hostSpecificity(pattern);
      if (!bestVs || specificity > bestVs.specificity) bestVs = { vs, specificity };
    }
  }
  if (bestVs) {
    const namespace = bestVs.vs.metadata?.namespace ?? 'default';
    return parseVirtualService(bestVs.vs, objects.destinationRules(namespace));
  }

  const roles = objects.httpRoutes.map(route => ({ route, role: gammaRouteRole(route, target, clientNamespace) }));
  const gamma = roles.find(r => r.role === 'consumer') ?? roles.find(r => r.role === 'producer');
  if (gamma) return parseHttpRoute(gamma.route);

  const split = objects.trafficSplits.find(s => trafficSplitApex(s) === target);
  if (split) return parseTrafficSplit(split);

  const appMesh = resolveAppMesh(target, objects.appMesh);
  if (appMesh) return appMesh;

  const kuma = resolveKuma(target, objects);
  if (kuma) return kuma;

  const svc = serviceOfHost(target);
  const consul = svc && compileConsulChain(svc.service, svc.namespace, objects.consul);
  if (consul) return consul;

  if (svc && objects.service(svc.namespace, svc.service)) {
    return {
      source: { kind: 'Service', namespace: svc.namespace, name: svc.service },
      rules: [{ matches: [], backends: [{ ...svc, weight: 1 }] }],
    };
  }
  return undefined;
}
