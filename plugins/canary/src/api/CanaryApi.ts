import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CanaryRollout,
  EntityRolloutsResponse,
} from '@vane/plugin-canary-common';

/** The operator actions the portal offers on a rollout. */
export type CanaryRolloutAction =
  | 'pause'
  | 'resume'
  | 'abort'
  | 'promote'
  | 'retry';

/**
 * The canary backend, as the frontend uses it. Cluster credentials stay in the backend: the
 * frontend only ever talks to /api/canary.
 *
 * @public
 */
export interface CanaryApi {
  getEntityRollouts(entityRef: string): Promise<EntityRolloutsResponse>;
  act(
    entityRef: string,
    rollout: CanaryRollout,
    action: CanaryRolloutAction,
  ): Promise<{ message: string }>;
}

/** @public */
export const canaryApiRef = createApiRef<CanaryApi>({
  id: 'plugin.canary.api',
});
