import { serviceOfHost } from '../../canonicalHost';
import type { RouteTable } from '../../RouteTable';
import type { ServiceLike } from '../../RoutingObjects';
import { kumaServiceTag, KumaServicePort } from './kumaServiceTag';
import type { KumaTrafficRouteLike } from './KumaTrafficRouteLike';
import { parseTrafficRoute } from './parseTrafficRoute';

/** How many of a selector's tags name a value rather than `*`; -1 when it cannot match. */
function rank(match: Record<string, string> | undefined, tags: Record<string, string>): number {
  let exact = 0;
  for (const [key, value] of Object.entries(match ?? {})) {
    if (value === '*') continue;
    if (tags[key] !== value) return -1;
    exact++;
  }
  return exact;
}

/** The best rank of any of a policy's selectors for these tags; -1 when none matches. */
function bestRank(selectors: Array<{ match?: Record<string, string> }> | undefined, tags: Record<string, string>): number {
  return Math.max(-1, ...(selectors ?? []).map(s => rank(s.match, tags)));
}

/**
 * Where a Kuma sidecar sends a request for `target` (a canonical host naming a Service): by the
 * TrafficRoute whose destinations select one of the Service's ports by `kuma.io/service`
 * (`<name>_<namespace>_svc_<port>`, or `*`) and whose sources select the client, the most
 * specific first (more tags named rather than `*`, destinations before sources), then the oldest;
 * compiled by parseTrafficRoute. The lab's clients carry no Kuma tags, so only sources of `*` (or
 * no tags) select them, and the lab runs one mesh, so a route's `mesh` is not compared.
 * Undefined when no TrafficRoute routes the Service.
 */
export function resolveKuma(
  target: string,
  objects: {
    kumaTrafficRoutes: readonly KumaTrafficRouteLike[];
    service(namespace: string, name: string): ServiceLike | undefined;
  },
): RouteTable | undefined {
  const svc = serviceOfHost(target);
  const service = svc ? objects.service(svc.namespace, svc.service) : undefined;
  if (!svc || !service) return undefined;
  const ports: KumaServicePort[] = (service.spec?.ports ?? [])
    .filter(p => typeof p.port === 'number')
    .map(p => ({ ...svc, port: p.port! }));
  let best: { route: KumaTrafficRouteLike; port: KumaServicePort; destination: number; source: number } | undefined;
  for (const route of objects.kumaTrafficRoutes) {
    const source = bestRank(route.spec?.sources, {});
    if (source < 0) continue;
    for (const port of ports) {
      const destination = bestRank(route.spec?.destinations, { 'kuma.io/service': kumaServiceTag(port) });
      if (destination < 0) continue;
      if (!best || destination > best.destination || (destination === best.destination && source > best.source)) {
        best = { route, port, destination, source };
      }
    }
  }
  return best ? parseTrafficRoute(best.route, best.port) : undefined;
}
