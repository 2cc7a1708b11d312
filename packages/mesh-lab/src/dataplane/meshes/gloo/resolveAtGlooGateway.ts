import { hostSpecificity } from '../../binding/hostSpecificity';
import { wildcardHostMatches } from '../../binding/wildcardHostMatches';
import type { RouteTable } from '../../RouteTable';
import type { RoutingObjects } from '../../RoutingObjects';
import { parseGlooVirtualService } from './parseGlooVirtualService';

/**
 * Where a request that arrives at Gloo's gateway-proxy goes: the Gloo VirtualService whose
 * `virtualHost.domains` (default `*`) cover the Host most specifically, as Envoy picks a virtual
 * host, then the oldest; its routes compiled with the RouteTables they delegate to
 * (parseGlooVirtualService). Gloo's default Gateway serves the VirtualServices of every
 * namespace, as the lab's gateway-proxy does. Undefined when none covers the Host: Envoy answers 404.
 *
 * @param host - the Host header, lower-case, without port.
 */
export function resolveAtGlooGateway(host: string, objects: RoutingObjects): RouteTable | undefined {
  let best: { vs: (typeof objects.glooVirtualServices)[number]; specificity: number } | undefined;
  for (const vs of objects.glooVirtualServices) {
    const domains = vs.spec?.virtualHost?.domains?.length ? vs.spec.virtualHost.domains : ['*'];
    for (const domain of domains) {
      const pattern = domain.toLowerCase().replace(/:\d+$/, '');
      if (!wildcardHostMatches(pattern, host)) continue;
      const specificity = hostSpecificity(pattern);
      if (!best || specificity > best.specificity) best = { vs, specificity };
    }
  }
  return best && parseGlooVirtualService(best.vs, { routeTables: objects.glooRouteTables, upstreams: objects.glooUpstreams });
}
