import type { CanaryRolloutImage, RolloutController } from './rollouts';

/**
 * How a past (or the current) rollout of one revision ended.
 *
 * @public
 */
export type RolloutHistoryResult = 'Progressing' | 'Succeeded' | 'Failed';

/**
 * An operator action on a rollout, as recorded in the history.
 *
 * @public
 */
export interface RolloutHistoryAction {
  action: string;
  /** The user entity ref of who acted. */
  user: string;
  at: string;
  message: string;
}

/**
 * One rollout of one revision of a Canary, from the plugin's database.
 *
 * @public
 */
export interface RolloutHistoryEntry {
  id: number;
  cluster: string;
  namespace: string;
  name: string;
  /** The revision under analysis (the engine's checksum of the target's pod template). */
  revision: string;
  images: { primary: CanaryRolloutImage[]; canary: CanaryRolloutImage[] };
  startedAt: string;
  /** Absent while the rollout is under way. */
  endedAt?: string;
  result: RolloutHistoryResult;
  /** The highest canary weight the rollout reached (100 once promoted). */
  weightReached: number;
  /** Why it failed or was rolled back. */
  reason?: string;
  /** Operator actions during this rollout, oldest first. */
  actions: RolloutHistoryAction[];
}

/**
 * An operator action from the portal on a rollout another controller drives (an Argo Rollout, a
 * Flagger Canary): Vane keeps no rollout rows for those, only what its users did to them.
 *
 * @public
 */
export interface RolloutControllerAction extends RolloutHistoryAction {
  cluster: string;
  namespace: string;
  name: string;
  controller: RolloutController;
}

/**
 * `GET /history?entity=kind:namespace/name[&limit=&offset=]`: newest first.
 *
 * @public
 */
export interface RolloutHistoryResponse {
  entityRef: string;
  /** The rollouts of the entity's Vane Canaries. */
  items: RolloutHistoryEntry[];
  totalCount: number;
  /**
   * The portal's operator actions on the entity's rollouts of other controllers, newest first
   * (up to `limit`); absent when it has none of those.
   */
  otherControllerActions?: RolloutControllerAction[];
}
