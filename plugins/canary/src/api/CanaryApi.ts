import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CanaryRollout,
  CanaryRolloutAction,
  CanaryRolloutActionResponse,
  EntityHealthResponse,
  EntityRolloutsResponse,
  RolloutAnalysisResponse,
  RolloutHistoryResponse,
  RolloutsResponse,
} from '@vane/plugin-canary-common';

export type { CanaryRolloutAction } from '@vane/plugin-canary-common';

/**
 * Filters of the rollouts of many entities (`GET /rollouts` and its stream). Each list is "any
 * of"; an empty or absent list does not filter.
 *
 * @public
 */
export interface CanaryRolloutsQuery {
  /** Owner entity refs, `group:default/team-x`. */
  owners?: string[];
  phases?: string[];
  clusters?: string[];
  limit?: number;
  offset?: number;
}

/**
 * Receives the answers of a live stream; returned by the stream methods, call it to stop.
 *
 * @public
 */
export type CanaryUnsubscribe = () => void;

/**
 * The canary backend, as the frontend uses it. Cluster credentials stay in the backend: the
 * frontend only ever talks to /api/canary.
 *
 * @public
 */
export interface CanaryApi {
  getEntityRollouts(entityRef: string): Promise<EntityRolloutsResponse>;
  getRollouts(query: CanaryRolloutsQuery): Promise<RolloutsResponse>;
  /** Mesh health over `window` (a Prometheus duration, `5m` by default). */
  getEntityHealth(
    entityRef: string,
    options?: { window?: string },
  ): Promise<EntityHealthResponse>;
  /** The analysis metrics over time of the current rollout, or of a past one by history id. */
  getRolloutAnalysis(
    entityRef: string,
    rollout: Pick<CanaryRollout, 'cluster' | 'namespace' | 'name'>,
    options?: { historyId?: number },
  ): Promise<RolloutAnalysisResponse>;
  getHistory(
    entityRef: string,
    options?: { limit?: number; offset?: number },
  ): Promise<RolloutHistoryResponse>;
  /** An operator action on a rollout, by its controller's rules (Vane's when `controller` is absent). */
  act(
    entityRef: string,
    rollout: Pick<CanaryRollout, 'cluster' | 'namespace' | 'name'> &
      Partial<Pick<CanaryRollout, 'controller'>>,
    action: CanaryRolloutAction,
  ): Promise<CanaryRolloutActionResponse>;
  /**
   * The entity's rollouts, live: `onData` gets the whole answer at once and after every change.
   * Reconnects on its own after a dropped connection, reporting the drop to `onError`.
   */
  streamEntityRollouts(
    entityRef: string,
    onData: (data: EntityRolloutsResponse) => void,
    onError?: (error: Error) => void,
  ): CanaryUnsubscribe;
  /** The rollouts that match the query, live, as `streamEntityRollouts`. */
  streamRollouts(
    query: CanaryRolloutsQuery,
    onData: (data: RolloutsResponse) => void,
    onError?: (error: Error) => void,
  ): CanaryUnsubscribe;
}

/** @public */
export const canaryApiRef = createApiRef<CanaryApi>({
  id: 'plugin.canary.api',
});
