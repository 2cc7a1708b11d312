import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

interface Split {
  weight?: number;
  destination?: Record<string, string>;
}

/**
 * The weights a TrafficRoute carries for primary and canary: from its first http section that
 * splits between both (A/B), else its default split, as Flagger reads it; undefined when neither
 * names both. A TrafficRoute never mirrors.
 */
export function readTrafficRouteRoutes(
  trafficRoute: KubernetesObjectLike,
  services: { primary: string; canary: string },
): MeshRoutes | undefined {
  const conf = ((trafficRoute.spec ?? {}) as { conf?: any }).conf ?? {};
  const splits: Split[][] = [
    ...(Array.isArray(conf.http) ? conf.http : []).map((h: any) => h?.split),
    conf.split,
  ].filter(Array.isArray);
  for (const split of splits) {
    const weightOf = (service: string) =>
      split.find(s => s?.destination?.['kuma.io/service'] === service)?.weight;
    const primaryWeight = weightOf(services.primary);
    const canaryWeight = weightOf(services.canary);
    if (primaryWeight !== undefined && canaryWeight !== undefined) {
      return { primaryWeight, canaryWeight, mirrored: false };
    }
  }
  return undefined;
}
