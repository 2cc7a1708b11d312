import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

/**
 * The weights a TrafficSplit carries for primary and canary; undefined unless it has a backend
 * for each. A TrafficSplit never mirrors.
 */
export function readTrafficSplitRoutes(
  trafficSplit: KubernetesObjectLike,
  names: { primaryName: string; canaryName: string },
): MeshRoutes | undefined {
  const spec = (trafficSplit.spec ?? {}) as { backends?: unknown };
  const backends = (
    Array.isArray(spec.backends) ? spec.backends : []
  ) as Array<{
    service?: string;
    weight?: number;
  }>;
  const weightOf = (service: string) =>
    backends.find(b => b?.service === service)?.weight;
  const primaryWeight = weightOf(names.primaryName);
  const canaryWeight = weightOf(names.canaryName);
  if (primaryWeight === undefined || canaryWeight === undefined) {
    return undefined;
  }
  return { primaryWeight, canaryWeight, mirrored: false };
}
