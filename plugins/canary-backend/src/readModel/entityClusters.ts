import { CANARY_ANNOTATIONS } from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';

/**
 * The clusters an entity looks at: those `backstage.io/kubernetes-cluster` names (all when it
 * names none), and the names it gives that are not configured clusters.
 */
export function entityClusters(
  annotations: Record<string, string>,
  clusters: readonly ClusterInventory[],
): { searched: ClusterInventory[]; unknown: string[] } {
  const wanted = annotations[CANARY_ANNOTATIONS.kubernetesCluster]
    ?.split(',')
    .map(name => name.trim())
    .filter(name => name !== '');
  if (!wanted?.length) {
    return { searched: [...clusters], unknown: [] };
  }
  return {
    searched: clusters.filter(cluster => wanted.includes(cluster.name)),
    unknown: wanted.filter(
      name => !clusters.some(cluster => cluster.name === name),
    ),
  };
}
