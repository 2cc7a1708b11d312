import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

/**
 * The weights a ServiceSplitter carries for primary and canary, from the splits naming their
 * services; undefined unless it has a split for each (a splitter the team wrote before the
 * Canary, say). Consul config entries never mirror.
 */
export function readConsulRoutes(
  serviceSplitter: KubernetesObjectLike,
  names: { primaryName: string; canaryName: string },
): MeshRoutes | undefined {
  const spec = (serviceSplitter.spec ?? {}) as { splits?: unknown };
  const splits = (Array.isArray(spec.splits) ? spec.splits : []) as Array<{
    service?: string;
    serviceSubset?: string;
    weight?: number;
  }>;
  const weightOf = (service: string) => {
    const found = splits.find(s => s?.service === service && !s.serviceSubset);
    // consul-k8s's Go types drop a zero weight (`weight,omitempty`): absent is 0.
    return found ? found.weight ?? 0 : undefined;
  };
  const primaryWeight = weightOf(names.primaryName);
  const canaryWeight = weightOf(names.canaryName);
  if (primaryWeight === undefined || canaryWeight === undefined) {
    return undefined;
  }
  return { primaryWeight, canaryWeight, mirrored: false };
}
