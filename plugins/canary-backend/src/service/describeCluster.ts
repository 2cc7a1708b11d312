import type { CanaryClusterInfo } from '@vane/plugin-canary-common';
import type { RolloutCluster } from '../readModel/RolloutCluster';

/**
 * A cluster as the Scaffolder sees it: whether it answers, the mesh providers it serves, and the
 * provider a Canary without `spec.provider` gets there (the engine's own rule).
 */
export function describeCluster(cluster: RolloutCluster): CanaryClusterInfo {
  const { name } = cluster.config;
  if (!cluster.synced) {
    return {
      name,
      available: false,
      error:
        cluster.error ??
        `Cluster ${name}: connecting, its caches are not synced yet`,
      meshProviders: [],
    };
  }
  const meshProviders = cluster.meshes.discover(cluster.cache.apiGroups);
  let defaultProvider: string | undefined;
  let error: string | undefined;
  try {
    defaultProvider = cluster.meshes.choose({
      clusterDefault: cluster.config.defaultProvider,
      apiGroups: cluster.cache.apiGroups,
      clusterName: name,
    }).provider;
  } catch (e) {
    // A configured default the cluster cannot serve: say so, and let the user choose.
    error = `canary.clusters[${name}].defaultProvider: ${(e as Error).message}`;
  }
  return {
    name,
    available: true,
    meshProviders,
    ...(defaultProvider ? { defaultProvider } : {}),
    ...(error ? { error } : {}),
  };
}
