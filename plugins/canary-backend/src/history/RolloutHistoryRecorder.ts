import type { RolloutHistoryStore } from './RolloutHistoryStore';

/**
 * What the engine writes to the rollout history: the start of each rollout, the weight it has
 * reached while under way, and its end.
 */
export type RolloutHistoryRecorder = Pick<
  RolloutHistoryStore,
  'recordStart' | 'recordProgress' | 'recordEnd'
>;
