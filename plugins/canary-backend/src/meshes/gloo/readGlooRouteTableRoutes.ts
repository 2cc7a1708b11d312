import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

interface Route {
  routeAction?: {
    multi?: {
      destinations?: Array<{
        destination?: { upstream?: { name?: string } };
        weight?: number;
      }>;
    };
  };
  options?: { shadowing?: { upstream?: { name?: string } } };
}

/**
 * The weights a RouteTable carries for the primary and canary Upstreams, read from the last
 * route whose `multi` destinations include the canary's, as Flagger reads them (the A/B route
 * when there is one; the step routes come before it). Undefined when no route has one. A
 * destination without a weight weighs 0, as Gloo reads it.
 */
export function readGlooRouteTableRoutes(
  routeTable: KubernetesObjectLike,
  upstreams: { primaryUpstream: string; canaryUpstream: string },
): MeshRoutes | undefined {
  const spec = (routeTable.spec ?? {}) as { routes?: unknown };
  const routes = (Array.isArray(spec.routes) ? spec.routes : []) as Route[];
  const destinationsOf = (route: Route) =>
    route?.routeAction?.multi?.destinations ?? [];
  const route = [...routes]
    .reverse()
    .find(r =>
      destinationsOf(r).some(
        d => d?.destination?.upstream?.name === upstreams.canaryUpstream,
      ),
    );
  if (!route) return undefined;
  const weightOf = (name: string) =>
    destinationsOf(route).find(d => d?.destination?.upstream?.name === name)
      ?.weight ?? 0;
  return {
    primaryWeight: weightOf(upstreams.primaryUpstream),
    canaryWeight: weightOf(upstreams.canaryUpstream),
    mirrored:
      route.options?.shadowing?.upstream?.name === upstreams.canaryUpstream,
  };
}
