import type { ArgoRollout } from '../readModel/argoRollouts/ArgoRollout';
import { planArgoRolloutAction } from './planArgoRolloutAction';

const USER = 'user:default/ada';
const NOW = new Date('2026-03-01T10:15:30.123Z');

// A canary Rollout of four steps whose revision b rolls out over stable a, as Argo's controller
// writes its status (phase and message included, as from Argo Rollouts 1.0).
function rollout(
  status: NonNullable<ArgoRollout['status']>,
  spec: Partial<NonNullable<ArgoRollout['spec']>> = {},
): ArgoRollout {
  return {
    metadata: { name: 'ratings', namespace: 'test' },
    spec: {
      replicas: 5,
      strategy: {
        canary: {
          steps: [
            { setWeight: 20 },
            { pause: {} },
            { analysis: {} },
            { setWeight: 60 },
          ],
        },
      },
      ...spec,
    },
    status: { stableRS: 'a', currentPodHash: 'b', ...status },
  };
}

const pausedAtStep = rollout({
  phase: 'Paused',
  message: 'CanaryPauseStep',
  controllerPause: true,
  currentStepIndex: 1,
  pauseConditions: [
    { reason: 'CanaryPauseStep', startTime: '2026-03-01T10:00:00Z' },
  ],
});
const analysing = rollout({ phase: 'Progressing', currentStepIndex: 2 });
const healthy = rollout({
  phase: 'Healthy',
  stableRS: 'b',
  currentStepIndex: 4,
});
const aborted = rollout({
  phase: 'Degraded',
  message: 'RolloutAborted: Rollout aborted update to revision 2',
  abort: true,
  currentStepIndex: 0,
});

const plan = (action: string, given: ArgoRollout) =>
  planArgoRolloutAction({ action, rollout: given, user: USER, now: NOW });

describe('planArgoRolloutAction: the patches kubectl argo rollouts writes', () => {
  it.each<[string, string, ArgoRollout, object]>([
    [
      'promote at a pause step clears the pause conditions (the controller moves on itself)',
      'promote',
      pausedAtStep,
      {
        status: { pauseConditions: null },
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { pauseConditions: null },
        },
        message: `Promoted by ${USER}`,
      },
    ],
    [
      'promote mid-step (an analysis running) skips to the next step',
      'promote',
      analysing,
      {
        status: { pauseConditions: null, currentStepIndex: 3 },
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { pauseConditions: null, currentStepIndex: 3 },
        },
        message: `Promoted by ${USER}`,
      },
    ],
    [
      'promote of a manually paused rollout unpauses it too (spec) and still skips the step',
      'promote',
      rollout({ phase: 'Paused', currentStepIndex: 0 }, { paused: true }),
      {
        object: { spec: { paused: false } },
        status: { pauseConditions: null, currentStepIndex: 1 },
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { pauseConditions: null, currentStepIndex: 1 },
        },
        message: `Promoted by ${USER}`,
      },
    ],
    [
      'promote after an inconclusive step analysis also lifts the controller pause and moves on',
      'promote',
      rollout({
        phase: 'Paused',
        message: 'InconclusiveAnalysisRun',
        controllerPause: true,
        currentStepIndex: 2,
        pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }],
        canary: {
          currentStepAnalysisRunStatus: {
            name: 'ratings-b-2',
            status: 'Inconclusive',
          },
        },
      }),
      {
        status: {
          pauseConditions: null,
          controllerPause: false,
          currentStepIndex: 3,
        },
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { pauseConditions: null },
        },
        message: `Promoted by ${USER}`,
      },
    ],
    [
      'promote --full asks the controller for a full promotion',
      'promote-full',
      pausedAtStep,
      {
        status: { promoteFull: true },
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { promoteFull: true },
        },
        message: `Fully promoted by ${USER}, skipping the remaining steps, pauses and analysis`,
      },
    ],
    [
      'promote --full of a manually paused rollout unpauses it too',
      'promote-full',
      rollout({ phase: 'Paused', currentStepIndex: 0 }, { paused: true }),
      {
        object: { spec: { paused: false } },
        status: { promoteFull: true },
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { promoteFull: true },
        },
        message: `Fully promoted by ${USER}, skipping the remaining steps, pauses and analysis`,
      },
    ],
    [
      'pause sets spec.paused',
      'pause',
      analysing,
      { object: { spec: { paused: true } }, message: `Paused by ${USER}` },
    ],
    [
      'resume sets spec.paused back to false, as promote does, without skipping a step',
      'resume',
      rollout({ phase: 'Paused', currentStepIndex: 2 }, { paused: true }),
      { object: { spec: { paused: false } }, message: `Resumed by ${USER}` },
    ],
    [
      'abort sets status.abort through the status subresource',
      'abort',
      analysing,
      {
        status: { abort: true },
        withoutStatusSubresource: { status: { abort: true } },
        message: `Aborted by ${USER}: back to the stable version`,
      },
    ],
    [
      'retry clears status.abort',
      'retry',
      aborted,
      {
        status: { abort: false },
        withoutStatusSubresource: { status: { abort: false } },
        message: `Retried by ${USER}`,
      },
    ],
    [
      'restart sets spec.restartAt to now, in whole seconds (RFC 3339, UTC)',
      'restart',
      healthy,
      {
        object: { spec: { restartAt: '2026-03-01T10:15:30Z' } },
        message: `Pods restarted by ${USER}`,
      },
    ],
  ])('%s', (_scenario, action, given, expected) => {
    expect(plan(action, given)).toEqual(expected);
  });

  it('past the last step, promote writes the index it is at, as the plugin does, no further', () => {
    expect(
      plan('promote', rollout({ phase: 'Progressing', currentStepIndex: 4 })),
    ).toMatchObject({ status: { pauseConditions: null, currentStepIndex: 4 } });
  });

  it.each<[string, string, ArgoRollout, string]>([
    [
      'promote of a Healthy rollout',
      'promote',
      healthy,
      'Only a rollout under way (Progressing or Paused) can be promoted; this one is Healthy',
    ],
    [
      'promote --full of an aborted (Degraded) rollout',
      'promote-full',
      aborted,
      'Only a rollout under way (Progressing or Paused) can be fully promoted; this one is Degraded',
    ],
    [
      'abort of a rollout already aborted',
      'abort',
      aborted,
      'Only a rollout under way (Progressing or Paused) can be aborted; this one is Degraded',
    ],
    [
      'retry of a rollout under way',
      'retry',
      analysing,
      'Only a Degraded rollout (aborted, or past its progress deadline) can be retried; this one is Progressing',
    ],
    [
      'pause of a rollout already paused',
      'pause',
      rollout({ phase: 'Paused' }, { paused: true }),
      'The rollout is already paused (spec.paused)',
    ],
    [
      'resume of a rollout paused at a step, not by an operator',
      'resume',
      pausedAtStep,
      'The rollout is not paused by an operator (spec.paused); a rollout paused at a step or by its analysis is promoted',
    ],
    [
      'promote of a blue-green rollout neither paused nor waiting',
      'promote',
      {
        metadata: { name: 'ratings', namespace: 'test' },
        spec: { strategy: { blueGreen: {} } },
        status: { phase: 'Progressing', stableRS: 'a', currentPodHash: 'b' },
      },
      'Nothing to promote: the rollout is neither paused nor at a canary step (phase Progressing)',
    ],
  ])('refuses %s (409)', (_scenario, action, given, conflict) => {
    expect(plan(action, given)).toEqual({ conflict });
  });

  it("refuses Vane's own approve as no Argo action (400)", () => {
    expect(plan('approve', pausedAtStep)).toEqual({
      invalid:
        'An Argo Rollout takes promote, promote-full, pause, resume, abort, retry, restart; "approve" is not one of them',
    });
  });
});
