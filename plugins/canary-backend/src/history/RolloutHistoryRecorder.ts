import type { RolloutHistoryStore } from './RolloutHistoryStore';

/** What the engine writes to the rollout history: the start and the end of each rollout. */
export type RolloutHistoryRecorder = Pick<
  RolloutHistoryStore,
  'recordStart' | 'recordEnd'
>;
