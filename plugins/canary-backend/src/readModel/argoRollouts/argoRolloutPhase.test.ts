import type { ArgoRollout } from './ArgoRollout';
import { argoRolloutPhase } from './argoRolloutPhase';

// A canary Rollout of 2 replicas whose new revision (hash b) rolls out over stable a.
function rollout(
  status: NonNullable<ArgoRollout['status']>,
  spec: Partial<NonNullable<ArgoRollout['spec']>> = {},
  generation = 3,
): ArgoRollout {
  return {
    metadata: { name: 'ratings', namespace: 'test', generation },
    spec: {
      replicas: 2,
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } },
      ...spec,
    },
    status: { observedGeneration: '3', ...status },
  };
}

const rolledOut = {
  stableRS: 'a',
  currentPodHash: 'a',
  replicas: 2,
  updatedReplicas: 2,
  availableReplicas: 2,
};

describe('argoRolloutPhase', () => {
  it.each<[string, ArgoRollout, string, string]>([
    [
      'the phase and message the controller wrote (Argo Rollouts 1.0 and later)',
      rollout({ phase: 'Paused', message: 'CanaryPauseStep' }),
      'Paused',
      'CanaryPauseStep',
    ],
    [
      'a spec the controller has not observed yet is Progressing, whatever the status says',
      rollout({ phase: 'Healthy', observedGeneration: '2' }),
      'Progressing',
      'waiting for rollout spec update to be observed',
    ],
    [
      'pause conditions cleared by an operator while controllerPause holds: unpausing',
      rollout({ phase: 'Paused', controllerPause: true, pauseConditions: [] }),
      'Progressing',
      'waiting for rollout to unpause',
    ],
    [
      'an old observedGeneration that is a hash (0.9) counts as observed',
      rollout({ phase: 'Healthy', observedGeneration: '5d8f9c' }),
      'Healthy',
      '',
    ],
    // Without status.phase (controllers of 0.10 and before), computed as CalculateRolloutPhase.
    [
      'an InvalidSpec condition is Degraded',
      rollout({
        conditions: [
          { type: 'InvalidSpec', status: 'True', message: 'steps[0] is empty' },
        ],
      }),
      'Degraded',
      'InvalidSpec: steps[0] is empty',
    ],
    [
      'an aborted rollout is Degraded with the condition’s reason',
      rollout({
        ...rolledOut,
        currentPodHash: 'b',
        abort: true,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'RolloutAborted',
            message: 'Rollout aborted update to revision 2',
          },
        ],
      }),
      'Degraded',
      'RolloutAborted: Rollout aborted update to revision 2',
    ],
    [
      'spec.paused is a manual pause',
      rollout({ ...rolledOut, currentPodHash: 'b' }, { paused: true }),
      'Paused',
      'manually paused',
    ],
    [
      'a pause condition names its reason',
      rollout({
        ...rolledOut,
        currentPodHash: 'b',
        pauseConditions: [
          { reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z' },
        ],
      }),
      'Paused',
      'CanaryPauseStep',
    ],
    [
      'a restart not yet done',
      rollout(rolledOut, { restartAt: '2026-01-01T10:00:00Z' }),
      'Progressing',
      'rollout is restarting',
    ],
    [
      'a restart done (the same time, written differently)',
      rollout(
        { ...rolledOut, restartedAt: '2026-01-01T10:00:00.000Z' },
        { restartAt: '2026-01-01T10:00:00Z' },
      ),
      'Healthy',
      '',
    ],
    [
      'fewer updated replicas than desired',
      rollout({ ...rolledOut, currentPodHash: 'b', updatedReplicas: 1 }),
      'Progressing',
      'more replicas need to be updated',
    ],
    [
      'updated replicas not available yet',
      rollout({ ...rolledOut, availableReplicas: 1 }),
      'Progressing',
      'updated replicas are still becoming available',
    ],
    [
      'a basic canary with old replicas left',
      rollout({ ...rolledOut, replicas: 3 }),
      'Progressing',
      'old replicas are pending termination',
    ],
    [
      'a canary whose steps are not done (stable is not the desired revision)',
      rollout({ ...rolledOut, currentPodHash: 'b' }),
      'Progressing',
      'waiting for all steps to complete',
    ],
    [
      'a blue-green Rollout before the cutover',
      rollout(
        {
          ...rolledOut,
          currentPodHash: 'b',
          blueGreen: { activeSelector: 'a' },
        },
        { strategy: { blueGreen: {} } },
      ),
      'Progressing',
      'active service cutover pending',
    ],
    [
      'a blue-green Rollout cut over, its post-promotion analysis running',
      rollout(
        {
          ...rolledOut,
          currentPodHash: 'b',
          blueGreen: {
            activeSelector: 'b',
            postPromotionAnalysisRunStatus: { status: 'Running' },
          },
        },
        { strategy: { blueGreen: { postPromotionAnalysis: {} } } },
      ),
      'Progressing',
      'waiting for analysis to complete',
    ],
    ['fully promoted', rollout(rolledOut), 'Healthy', ''],
  ])('%s', (_scenario, given, phase, message) => {
    expect(argoRolloutPhase(given)).toEqual({ phase, message });
  });
});
