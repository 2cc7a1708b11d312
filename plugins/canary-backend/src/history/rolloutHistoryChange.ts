import { CanaryStatus, isRolloutUnderWay } from '@vane/plugin-canary-common';

/** What a status transition means for the rollout history. */
export type RolloutHistoryChange =
  | { kind: 'started'; revision: string; startedAt: string }
  | {
      kind: 'progressed';
      revision: string;
      startedAt: string;
      weightReached: number;
    }
  | {
      kind: 'ended';
      revision: string;
      startedAt: string;
      endedAt: string;
      result: 'Succeeded' | 'Failed';
      weightReached: number;
      reason?: string;
    };

/** Phases in which a started rollout takes traffic: its history row says how far it got. */
const TAKING_TRAFFIC = new Set([
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
]);

/**
 * The weight a rollout under way has reached: the canary's weight, and 100 from Finalising on,
 * where the promoted primary serves the new version to all traffic (the canary's weight is back
 * at 0 by then, which is no measure of how far the rollout got).
 */
function weightReachedAt(status: CanaryStatus): number {
  return status.phase === 'Finalising' ? 100 : status.canaryWeight ?? 0;
}

/**
 * Whether a decided status starts, moves on or ends a rollout, read from the status alone (pure,
 * so the engine's decision stays free of I/O and a restarted engine draws the same conclusion):
 * a new `startedAt` starts one; a higher weight reached while under way moves it on (the row of
 * a rollout under way says how far it got); reaching Succeeded or Failed from a phase under way
 * ends it.
 */
export function rolloutHistoryChange(
  previous: CanaryStatus,
  next: CanaryStatus,
): RolloutHistoryChange | undefined {
  if (
    next.phase === 'Progressing' &&
    next.startedAt &&
    next.startedAt !== previous.startedAt &&
    next.lastAppliedSpec
  ) {
    return {
      kind: 'started',
      revision: next.lastAppliedSpec,
      startedAt: next.startedAt,
    };
  }
  if (
    TAKING_TRAFFIC.has(next.phase ?? '') &&
    next.startedAt &&
    next.startedAt === previous.startedAt &&
    next.lastAppliedSpec
  ) {
    const reached = weightReachedAt(next);
    const before = TAKING_TRAFFIC.has(previous.phase ?? '')
      ? weightReachedAt(previous)
      : 0;
    return reached > before
      ? {
          kind: 'progressed',
          revision: next.lastAppliedSpec,
          startedAt: next.startedAt,
          weightReached: reached,
        }
      : undefined;
  }
  const ended = next.phase === 'Succeeded' || next.phase === 'Failed';
  if (!ended || !isRolloutUnderWay(previous.phase)) {
    return undefined;
  }
  const endedAt = next.lastTransitionTime ?? '';
  // A rollout refused or cancelled at confirm-rollout never started: it is recorded from the
  // wait, for the revision the gate held.
  const beforeStart = previous.phase === 'Waiting';
  const revision = beforeStart
    ? previous.gate?.revision
    : previous.lastAppliedSpec;
  const startedAt = beforeStart
    ? previous.lastTransitionTime
    : previous.startedAt ?? previous.lastTransitionTime;
  if (!revision || !startedAt) {
    return undefined;
  }
  const promoted =
    next.phase === 'Succeeded' && previous.phase === 'Finalising';
  return {
    kind: 'ended',
    revision,
    startedAt,
    endedAt,
    result: next.phase as 'Succeeded' | 'Failed',
    weightReached: promoted ? 100 : previous.canaryWeight ?? 0,
    ...(next.reason ? { reason: next.reason } : {}),
  };
}
