import type { CanaryStatus } from '@vane/plugin-canary-common';
import { rolloutHistoryChange } from './rolloutHistoryChange';

const T0 = '2026-11-22T12:00:00.000Z';
const T1 = '2026-11-22T12:05:00.000Z';

const status = (fields: Partial<CanaryStatus>): CanaryStatus => ({
  lastAppliedSpec: 'rev-b',
  lastPromotedSpec: 'rev-a',
  startedAt: T0,
  lastTransitionTime: T0,
  ...fields,
});

describe('rolloutHistoryChange', () => {
  it.each<[string, CanaryStatus, CanaryStatus, unknown]>([
    [
      'a new revision starting Progressing starts a rollout',
      status({
        phase: 'Succeeded',
        lastAppliedSpec: 'rev-a',
        startedAt: undefined,
      }),
      status({ phase: 'Progressing', startedAt: T1, lastTransitionTime: T1 }),
      { kind: 'started', revision: 'rev-b', startedAt: T1 },
    ],
    [
      'a promotion finishing ends the rollout Succeeded at weight 100',
      status({ phase: 'Finalising', canaryWeight: 0 }),
      status({ phase: 'Succeeded', lastTransitionTime: T1 }),
      {
        kind: 'ended',
        revision: 'rev-b',
        startedAt: T0,
        endedAt: T1,
        result: 'Succeeded',
        weightReached: 100,
      },
    ],
    [
      'a rollback at weight 40 ends it Failed at 40, with the reason',
      status({ phase: 'Progressing', canaryWeight: 40 }),
      status({
        phase: 'Failed',
        canaryWeight: 0,
        lastTransitionTime: T1,
        reason: 'Aborted by user:default/ada',
      }),
      {
        kind: 'ended',
        revision: 'rev-b',
        startedAt: T0,
        endedAt: T1,
        result: 'Failed',
        weightReached: 40,
        reason: 'Aborted by user:default/ada',
      },
    ],
    [
      'an abort at confirm-rollout ends the refused revision the gate held',
      status({
        phase: 'Waiting',
        lastAppliedSpec: 'rev-a',
        gate: {
          type: 'confirm-rollout',
          name: 'go',
          revision: 'rev-c',
          servedByVane: true,
          since: T0,
        },
      }),
      status({ phase: 'Failed', lastTransitionTime: T1, reason: 'Aborted' }),
      {
        kind: 'ended',
        revision: 'rev-c',
        startedAt: T0,
        endedAt: T1,
        result: 'Failed',
        weightReached: 0,
        reason: 'Aborted',
      },
    ],
    [
      'a step during the analysis moves the rollout on to the weight it reached',
      status({ phase: 'Progressing', canaryWeight: 20 }),
      status({ phase: 'Progressing', canaryWeight: 40 }),
      {
        kind: 'progressed',
        revision: 'rev-b',
        startedAt: T0,
        weightReached: 40,
      },
    ],
    [
      'a promotion stepping the weight up (stepWeightPromotion) moves it on too',
      status({ phase: 'Promoting', canaryWeight: 80 }),
      status({ phase: 'Promoting', canaryWeight: 90 }),
      {
        kind: 'progressed',
        revision: 'rev-b',
        startedAt: T0,
        weightReached: 90,
      },
    ],
    [
      'Finalising has reached 100, although the canary’s own weight is back at 0',
      status({ phase: 'Promoting', canaryWeight: 80 }),
      status({ phase: 'Finalising', canaryWeight: 0 }),
      {
        kind: 'progressed',
        revision: 'rev-b',
        startedAt: T0,
        weightReached: 100,
      },
    ],
    [
      'a check that fails at the same weight changes nothing',
      status({ phase: 'Progressing', canaryWeight: 40, failedChecks: 0 }),
      status({ phase: 'Progressing', canaryWeight: 40, failedChecks: 1 }),
      undefined,
    ],
    [
      'a paused rollout held at its weight changes nothing',
      status({ phase: 'WaitingPromotion', canaryWeight: 80 }),
      status({ phase: 'Progressing', canaryWeight: 80 }),
      undefined,
    ],
    [
      'a Succeeded status seen again changes nothing',
      status({ phase: 'Succeeded' }),
      status({ phase: 'Succeeded' }),
      undefined,
    ],
    [
      'initialisation is no rollout',
      status({ phase: 'Initializing' }),
      status({ phase: 'Initialized' }),
      undefined,
    ],
  ])('%s', (_, previous, next, expected) => {
    expect(rolloutHistoryChange(previous, next)).toEqual(expected);
  });
});
