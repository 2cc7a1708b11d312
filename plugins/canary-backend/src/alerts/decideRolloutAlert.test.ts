import type { CanaryStatus } from '@vane/plugin-canary-common';
import { decideRolloutAlert } from './decideRolloutAlert';

const canary = { cluster: 'lab', namespace: 'test', name: 'podinfo' };
const gate = {
  type: 'confirm-promotion' as const,
  name: 'ship-it',
  revision: 'rev-b',
  servedByVane: true,
  since: '2026-11-22T12:01:00Z',
};
const progressing: CanaryStatus = {
  phase: 'Progressing',
  canaryWeight: 40,
  failedChecks: 0,
  lastAppliedSpec: 'rev-b',
  startedAt: '2026-11-22T12:00:00Z',
  lastTransitionTime: '2026-11-22T12:00:00Z',
};

describe('decideRolloutAlert', () => {
  it.each<[string, CanaryStatus, CanaryStatus, object]>([
    [
      'a new revision starts its analysis: info',
      { phase: 'Succeeded', lastAppliedSpec: 'rev-a' },
      { ...progressing, canaryWeight: 0 },
      {
        severity: 'info',
        phase: 'Progressing',
        canaryWeight: 0,
        message:
          'New revision detected, progressing canary analysis of podinfo.test.',
      },
    ],
    [
      'a promotion finishes: info',
      { ...progressing, phase: 'Finalising', canaryWeight: 0 },
      {
        ...progressing,
        phase: 'Succeeded',
        canaryWeight: 0,
        lastTransitionTime: '2026-11-22T12:05:00Z',
      },
      {
        severity: 'info',
        phase: 'Succeeded',
        message:
          'Canary analysis of podinfo.test completed successfully, promotion finished.',
      },
    ],
    [
      'a rollback: error, with the reason',
      progressing,
      {
        ...progressing,
        phase: 'Failed',
        canaryWeight: 0,
        reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
        lastTransitionTime: '2026-11-22T12:05:00Z',
      },
      {
        severity: 'error',
        phase: 'Failed',
        message:
          'Canary analysis of podinfo.test failed, rolled back to the primary.',
        reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
      },
    ],
    [
      'a rollout reaches a manual gate Vane serves: warn, saying where to act',
      progressing,
      { ...progressing, canaryWeight: 80, gate },
      {
        severity: 'warn',
        canaryWeight: 80,
        message:
          'podinfo.test is waiting for approval at its confirm-promotion gate ship-it: approve or abort it on the Canary in Backstage.',
      },
    ],
    [
      'a rollout reaches a pause step without duration (pause: {}): warn, as a gate does, saying where to act',
      { ...progressing, canaryWeight: 50, currentStepIndex: 1 },
      {
        ...progressing,
        canaryWeight: 50,
        currentStepIndex: 1,
        stepPause: { step: 1, startTime: '2026-11-22T12:01:00Z' },
      },
      {
        severity: 'warn',
        canaryWeight: 50,
        message:
          'podinfo.test is paused at step 2 until an owner resumes it: resume, promote or abort it on the Canary in Backstage.',
      },
    ],
  ])('%s', (_case, previous, next, expected) => {
    expect(decideRolloutAlert(canary, previous, next)).toMatchObject({
      ...canary,
      ...expected,
    });
  });

  it.each<[string, CanaryStatus, CanaryStatus]>([
    [
      'the same gate on the next tick: nothing',
      { ...progressing, gate },
      { ...progressing, gate },
    ],
    [
      'a step advances: nothing',
      progressing,
      { ...progressing, canaryWeight: 60 },
    ],
    [
      'the same pause {} on the next tick: nothing',
      {
        ...progressing,
        stepPause: { step: 1, startTime: '2026-11-22T12:01:00Z' },
      },
      {
        ...progressing,
        stepPause: { step: 1, startTime: '2026-11-22T12:01:00Z' },
      },
    ],
    [
      'a timed pause starts: nothing, no one has to act',
      progressing,
      {
        ...progressing,
        stepPause: {
          step: 1,
          startTime: '2026-11-22T12:01:00Z',
          endTime: '2026-11-22T12:11:00Z',
        },
      },
    ],
    [
      'Initialized after initialisation: nothing',
      { phase: 'Initializing' },
      { phase: 'Initialized' },
    ],
  ])('%s', (_case, previous, next) => {
    expect(decideRolloutAlert(canary, previous, next)).toBeUndefined();
  });

  it("given a gate whose webhook sets muteAlert, raises no alert when the rollout reaches it, as Flagger's muteAlert; other gates still alert", () => {
    const webhooks = [
      { name: 'ship-it', type: 'confirm-promotion' as const, muteAlert: true },
      { name: 'go', type: 'confirm-rollout' as const },
    ];
    expect(
      decideRolloutAlert(
        canary,
        progressing,
        { ...progressing, canaryWeight: 80, gate },
        webhooks,
      ),
    ).toBeUndefined();
    expect(
      decideRolloutAlert(
        canary,
        { phase: 'Succeeded', lastAppliedSpec: 'rev-a' },
        {
          phase: 'Waiting',
          lastAppliedSpec: 'rev-a',
          gate: { ...gate, type: 'confirm-rollout', name: 'go' },
        },
        webhooks,
      ),
    ).toMatchObject({
      severity: 'warn',
      message:
        'podinfo.test is waiting for approval at its confirm-rollout gate go: approve or abort it on the Canary in Backstage.',
    });
  });
});
