import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

interface Destination {
  destination?: { host?: string };
  weight?: number;
}

/**
 * The weights a VirtualService carries for primary and canary, read from the last HTTP route
 * that sends to the canary, as Flagger reads them (the A/B route when there is one, the weighted
 * route after session affinity's cookie routes), leaving out the named routes of
 * `analysis.steps` (Vane names no other route). Undefined when no route does, e.g. a
 * VirtualService a user wrote before the Canary existed.
 */
export function readIstioRoutes(
  virtualService: KubernetesObjectLike,
  names: { primaryName: string; canaryName: string },
): MeshRoutes | undefined {
  const spec = (virtualService.spec ?? {}) as { http?: unknown };
  const http = Array.isArray(spec.http) ? spec.http : [];
  // The last: session affinity's cookie routes to the canary come before the weighted one.
  const route = [...http]
    .reverse()
    .find(
      (r: { name?: unknown; route?: Destination[] }) =>
        r?.name === undefined &&
        Array.isArray(r?.route) &&
        r.route.some(d => d?.destination?.host === names.canaryName),
    ) as { route: Destination[]; mirror?: { host?: string } } | undefined;
  if (!route) return undefined;

  const weightOf = (host: string) =>
    route.route.find(d => d?.destination?.host === host)?.weight ?? 0;
  return {
    primaryWeight: weightOf(names.primaryName),
    canaryWeight: weightOf(names.canaryName),
    mirrored: route.mirror?.host === names.canaryName,
  };
}
