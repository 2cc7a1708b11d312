/**
 * What an operator action writes on a rollout object: JSON merge patches, the status
 * subresource's first, then the object's, as `kubectl argo rollouts` orders them. Pure data: the
 * route checks permissions and `writePlannedAction` writes.
 */
export interface PlannedAction {
  /** The merge patch of `.status`, sent to the status subresource (`{"status": <this>}`). */
  status?: Record<string, unknown>;
  /** The merge patch of the object itself (metadata, spec). */
  object?: Record<string, unknown>;
  /**
   * Where the CRD has no status subresource (the status patch answers 404: Argo Rollouts 0.9),
   * the one patch of the object that replaces both, as the kubectl plugin falls back.
   */
  withoutStatusSubresource?: Record<string, unknown>;
  /** What was done and by whom, for the answer, the Event and the history. */
  message: string;
}

/** Why an action is not planned: it does not fit the rollout's state (409), or is not one (400). */
export type RefusedAction = { conflict: string } | { invalid: string };
