import type { Entity } from '@backstage/catalog-model';
import type {
  CanaryRollout,
  CanaryRolloutError,
  RolloutsResponse,
} from '@vane/plugin-canary-common';
import type { RolloutReader } from './RolloutReader';
import { RolloutSelection, selectRollouts } from './selectRollouts';

/**
 * The rollouts of many entities from one snapshot of the caches, filtered and paged by the
 * query: the answer of `GET /rollouts` and of each team stream event.
 */
export function collectRollouts(
  reader: RolloutReader,
  entities: readonly Entity[],
  query: RolloutSelection,
): RolloutsResponse {
  const inventories = reader.inventories();
  const rollouts: CanaryRollout[] = [];
  const errors = new Map<string, CanaryRolloutError>();
  for (const entity of entities) {
    const found = reader.entityRollouts(entity, inventories);
    rollouts.push(...found.items);
    // An unreachable cluster is reported once, not once per entity.
    found.errors.forEach(error => errors.set(JSON.stringify(error), error));
  }
  return {
    ...selectRollouts(rollouts, query),
    errors: [...errors.values()],
  };
}
