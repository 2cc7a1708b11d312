import { CanaryStatus, isRolloutUnderWay } from '@vane/plugin-canary-common';

/** What a status transition means for the rollout history. */
export type RolloutHistoryChange =
  | { kind: 'started'; revision: string; startedAt: string }
  | {
      kind: 'ended';
      revision: string;
      startedAt: string;
      endedAt: string;
      result: 'Succeeded' | 'Failed';
      weightReached: number;
      reason?: string;
    };

/**
 * Whether a decided status starts or ends a rollout, read from the status alone (pure, so the
 * engine's decision stays free of I/O and a restarted engine draws the same conclusion):
 * a new `startedAt` starts one; reaching Succeeded or Failed from a phase under way ends it.
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
