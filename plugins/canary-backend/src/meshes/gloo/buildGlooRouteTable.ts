import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import { glooUpstreamName } from './glooUpstreamName';
import { toGlooMatchers } from './toGlooMatchers';

/** The Gloo API version of the RouteTables Vane writes (Gloo Edge 1.x). */
export const GLOO_GATEWAY_API_VERSION = 'gateway.solo.io/v1';

/**
 * Builds the RouteTable `<apex>` that carries the given routes, for a Gloo VirtualService (or a
 * parent RouteTable) to delegate to, as Flagger's gloo router writes it: one route whose
 * `multi` destinations weigh the primary and canary Upstreams, with `inheritablePathMatchers`
 * so every route takes its path from the delegating route. Beyond Flagger:
 * - with `analysis.match` (A/B) the weighted route carries one matcher per condition, and a last
 *   route sends every other request to the primary (Flagger's table has none, so Gloo would
 *   answer them 404 while the canary is tested);
 * - mirroring (`analysis.mirror`) is Gloo's `shadowing` route option to the canary Upstream,
 *   `percentage` from `analysis.mirrorWeight` (100 without);
 * - the header and mirror routes of `analysis.steps` in effect come first, in the order they
 *   were set, since Gloo takes the first route that matches: a header route sends its matching
 *   requests to the canary alone, a mirror route serves them by the weights and shadows
 *   `percentage` of them to the canary.
 */
export function buildGlooRouteTable(
  canary: Canary,
  routes: MeshRoutes,
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  const { namespace } = routing;
  const upstream = (role: 'primary' | 'canary') => ({
    name: glooUpstreamName(routing, role),
    namespace,
  });
  const weighted = {
    multi: {
      destinations: [
        {
          destination: { upstream: upstream('primary') },
          weight: routes.primaryWeight,
        },
        {
          destination: { upstream: upstream('canary') },
          weight: routes.canaryWeight,
        },
      ],
    },
  };
  const shadowing = (percentage: number) => ({
    options: { shadowing: { upstream: upstream('canary'), percentage } },
  });

  const headerRoutes = (routes.headerRoutes ?? []).map(route => ({
    matchers: toGlooMatchers(
      stepRouteMatches(route),
      `setHeaderRoute ${route.name}`,
    ),
    inheritablePathMatchers: true,
    routeAction: { single: { upstream: upstream('canary') } },
  }));
  const mirrorRoutes = (routes.mirrorRoutes ?? []).map(route => ({
    matchers: toGlooMatchers(
      stepRouteMatches(route),
      `setMirrorRoute ${route.name}`,
    ),
    inheritablePathMatchers: true,
    routeAction: weighted,
    ...shadowing(route.percentage ?? 100),
  }));
  const abTesting = routing.analysisMatch.length > 0;
  const weightedRoute = {
    ...(abTesting
      ? { matchers: toGlooMatchers(routing.analysisMatch, 'analysis.match') }
      : {}),
    inheritablePathMatchers: true,
    routeAction: weighted,
    ...(routes.mirrored ? shadowing(routing.mirrorWeight ?? 100) : {}),
  };
  const otherRequests = abTesting
    ? [
        {
          inheritablePathMatchers: true,
          routeAction: { single: { upstream: upstream('primary') } },
        },
      ]
    : [];

  return {
    apiVersion: GLOO_GATEWAY_API_VERSION,
    kind: 'RouteTable',
    metadata: {
      name: routing.apexName,
      namespace,
      ...routingObjectMetadata(routing.apexMetadata),
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec: {
      routes: [
        ...headerRoutes,
        ...mirrorRoutes,
        weightedRoute,
        ...otherRequests,
      ],
    },
  };
}
