import type { CanaryRollout } from '@vane/plugin-canary-common';
import { actionsFor } from './actionsFor';

function rollout(status: Partial<CanaryRollout['status']>): CanaryRollout {
  return {
    cluster: 'lab',
    namespace: 'test',
    name: 'podinfo',
    entityRef: 'component:default/podinfo',
    controller: 'vane',
    spec: {
      valid: true,
      strategy: 'canary',
      steps: [20, 40],
      metrics: [],
      skipAnalysis: false,
      suspend: false,
    },
    status: {
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      conditions: [],
      metrics: [],
      ...status,
    },
    images: { primary: [], canary: [] },
    events: [],
  };
}

describe('actionsFor', () => {
  it.each([
    ['Progressing', ['pause', 'promote', 'abort']],
    ['Waiting', ['pause', 'promote', 'abort']],
    ['WaitingPromotion', ['pause', 'promote', 'abort']],
    ['Promoting', []],
    ['Finalising', []],
    ['Succeeded', []],
    ['Initialized', []],
    ['Failed', ['retry']],
    ['Terminated', []],
  ] as const)('a %s rollout offers %j', (phase, expected) => {
    expect(actionsFor(rollout({ phase }))).toEqual(expected);
  });

  it('offers resume instead of pause while a pause step holds the rollout, and not once it has moved on', () => {
    const stepPause = { step: 1, startTime: '2026-01-01T12:00:00Z' };
    expect(actionsFor(rollout({ phase: 'Progressing', stepPause }))).toEqual([
      'resume',
      'promote',
      'abort',
    ]);
    expect(actionsFor(rollout({ phase: 'Failed', stepPause }))).toEqual([
      'retry',
    ]);
  });

  it('offers resume instead of pause once someone paused the analysis', () => {
    expect(
      actionsFor(
        rollout({ phase: 'Progressing', pausedBy: 'user:default/ana' }),
      ),
    ).toEqual(['resume', 'promote', 'abort']);
  });

  it('offers approve first while a gate Vane serves waits for a click', () => {
    const gate = { type: 'confirm-promotion', name: 'approval' } as const;
    expect(
      actionsFor(
        rollout({
          phase: 'WaitingPromotion',
          pendingGate: { ...gate, approvableInPortal: true },
        }),
      ),
    ).toEqual(['approve', 'pause', 'promote', 'abort']);
    expect(
      actionsFor(
        rollout({
          phase: 'WaitingPromotion',
          pendingGate: { ...gate, approvableInPortal: false },
        }),
      ),
    ).toEqual(['pause', 'promote', 'abort']);
  });

  it.each<[string, Partial<CanaryRollout['status']>, boolean, string[]]>([
    [
      'Paused at a step',
      { phase: 'Paused' },
      false,
      ['promote', 'promote-full', 'pause', 'abort', 'restart'],
    ],
    [
      'Progressing',
      { phase: 'Progressing' },
      false,
      ['promote', 'promote-full', 'pause', 'abort', 'restart'],
    ],
    [
      'paused by an operator',
      { phase: 'Paused' },
      true,
      ['promote', 'promote-full', 'resume', 'abort', 'restart'],
    ],
    ['Degraded (aborted)', { phase: 'Degraded' }, false, ['retry', 'restart']],
    ['Healthy', { phase: 'Healthy' }, false, ['restart']],
  ])(
    'an Argo Rollout %s takes what its dashboard offers',
    (_state, status, paused, expected) => {
      expect(
        actionsFor({
          ...rollout(status),
          controller: 'argo-rollouts',
          argoRollouts: {
            strategy: 'canary',
            steps: [],
            setWeight: 0,
            actualWeight: 0,
            paused,
            pauseConditions: [],
            aborted: false,
            replicas: {
              desired: 1,
              current: 1,
              updated: 1,
              ready: 1,
              available: 1,
            },
            analysisRuns: [],
          },
        }),
      ).toEqual(expected);
    },
  );

  it('a Flagger Canary is paused or resumed by spec.suspend, whatever its phase, and takes nothing else', () => {
    const flagger = (suspend: boolean) => ({
      ...rollout({ phase: 'Progressing' }),
      controller: 'flagger' as const,
      spec: { ...rollout({}).spec, suspend },
    });
    expect(actionsFor(flagger(false))).toEqual(['pause']);
    expect(actionsFor(flagger(true))).toEqual(['resume']);
  });
});
