import {
  CANARY_ANNOTATIONS,
  parseCanaryAnnotation,
} from '@vane/plugin-canary-common';
import { entityClusters } from './entityClusters';

/**
 * The Canaries an entity names in `vane.dev/canary`, in every cluster it looks at, whether or
 * not they still exist: the rollout history of a deleted Canary stays the entity's. Entities
 * linked by their Deployments name none (an unreadable annotation names none either; the
 * rollouts endpoint reports it).
 */
export function namedEntityCanaries(
  annotations: Record<string, string>,
  clusterNames: readonly string[],
): Array<{ cluster: string; namespace: string; name: string }> {
  const explicit = annotations[CANARY_ANNOTATIONS.canary];
  if (explicit === undefined) return [];
  let refs;
  try {
    refs = parseCanaryAnnotation(explicit);
  } catch {
    return [];
  }
  const { searched } = entityClusters(
    annotations,
    clusterNames.map(name => ({ name, canaries: [], workloads: [] })),
  );
  return searched.flatMap(cluster =>
    refs.map(ref => ({ cluster: cluster.name, ...ref })),
  );
}
