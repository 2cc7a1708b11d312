import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { EntityRolloutsResponse } from '@vane/plugin-canary-common';
import { readableEntity } from '../service/readableEntity';
import type { RolloutReader } from '../readModel/RolloutReader';
import type { CanaryOperationOptions } from './CanaryOperationOptions';

/**
 * An entity's rollouts from the clusters' caches, once the caller may read them
 * (canary.rollout.read on the entity): `GET /entities/:kind/:namespace/:name/rollouts` and the
 * actions registry's get-entity-rollouts.
 */
export async function readEntityRollouts(
  options: CanaryOperationOptions & { reader: RolloutReader },
  input: {
    credentials: BackstageCredentials;
    entity: { kind: string; namespace: string; name: string };
  },
): Promise<EntityRolloutsResponse> {
  const entity = await readableEntity(options, input.credentials, input.entity);
  return {
    entityRef: stringifyEntityRef(entity),
    ...options.reader.entityRollouts(entity),
  };
}
