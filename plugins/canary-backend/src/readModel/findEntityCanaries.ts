import type { Entity } from '@backstage/catalog-model';
import type { Canary, CanaryRolloutError } from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { findEntityRollouts } from './findEntityRollouts';

/** The Canaries of an entity, and why some may be missing. */
export interface EntityCanaries {
  canaries: Array<{ cluster: string; canary: Canary }>;
  errors: CanaryRolloutError[];
}

/**
 * The Vane Canaries among an entity's rollouts (`findEntityRollouts`): those the engine drives,
 * whose alerts go to the entity's owners and whose workloads the mesh health shows.
 */
export function findEntityCanaries(
  entity: Entity,
  clusters: readonly ClusterInventory[],
): EntityCanaries {
  const found = findEntityRollouts(entity, clusters);
  return {
    canaries: found.rollouts.flatMap(rollout =>
      rollout.controller === 'vane'
        ? [{ cluster: rollout.cluster, canary: rollout.object }]
        : [],
    ),
    errors: found.errors,
  };
}
