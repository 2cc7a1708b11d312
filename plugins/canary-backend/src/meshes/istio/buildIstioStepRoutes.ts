import type { MeshRoutes } from '@vane/plugin-canary-node';
import type { CanaryRouting } from '../../routers/readCanaryRouting';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import { mergeMatches } from '../../routers/mergeMatches';

/**
 * The HTTP routes of Argo Rollouts' `setHeaderRoute` and `setMirrorRoute` steps in effect, each
 * named as its step names it, in the order they were set (Argo Rollouts' managed routes), as
 * its Istio router writes them:
 * - a header route sends requests with any of its header matches to the canary alone;
 * - a mirror route serves the requests matching any of its matches (method, uri and headers) by
 *   the current weights and mirrors `percentage` of them (default 100) to the canary.
 * Each carries `spec.service`'s route fields and is combined with `spec.service.match`, as every
 * route Vane writes.
 */
export function buildIstioStepRoutes(
  routes: MeshRoutes,
  routing: CanaryRouting,
  destination: (host: string) => Record<string, unknown>,
  weighted: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
  const headerRoutes = (routes.headerRoutes ?? []).map(route => ({
    name: route.name,
    match: mergeMatches(stepRouteMatches(route), routing.serviceMatch),
    ...routing.istioRouteFields,
    route: [{ destination: destination(routing.canaryName), weight: 100 }],
  }));
  const mirrorRoutes = (routes.mirrorRoutes ?? []).map(route => ({
    name: route.name,
    match: mergeMatches(stepRouteMatches(route), routing.serviceMatch),
    ...routing.istioRouteFields,
    route: weighted,
    mirror: { host: routing.canaryName },
    mirrorPercentage: { value: route.percentage ?? 100 },
  }));
  return [...headerRoutes, ...mirrorRoutes];
}
