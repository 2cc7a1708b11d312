import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { EntityRolloutsResponse } from '@vane/plugin-canary-common';
import type express from 'express';
import type { RolloutCluster } from '../readModel/RolloutCluster';
import type { RolloutReader } from '../readModel/RolloutReader';
import { serveRolloutEvents } from './serveRolloutEvents';

/**
 * Serves an entity's rollouts as Server-Sent Events: a `rollouts` event with the whole
 * `EntityRolloutsResponse` at once, then again whenever a cache change alters it (debounced, and
 * only when it differs from the last one sent: see serveRolloutEvents).
 */
export function streamEntityRollouts(options: {
  entity: Entity;
  reader: RolloutReader;
  clusters: readonly RolloutCluster[];
  req: express.Request;
  res: express.Response;
  debounceMs?: number;
  heartbeatMs?: number;
}) {
  const { entity, reader } = options;
  const entityRef = stringifyEntityRef(entity);
  serveRolloutEvents({
    ...options,
    compute: (): EntityRolloutsResponse => ({
      entityRef,
      ...reader.entityRollouts(entity),
    }),
  });
}
