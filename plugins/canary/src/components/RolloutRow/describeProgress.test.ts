import type { CanaryRollout } from '@vane/plugin-canary-common';
import { describeProgress } from './describeProgress';

const canary = (
  phase: CanaryRollout['status']['phase'],
  canaryWeight: number,
): Pick<CanaryRollout, 'spec' | 'status'> => ({
  spec: {
    valid: true,
    strategy: 'canary',
    steps: [20, 40, 60, 80],
    metrics: [],
    skipAnalysis: false,
    suspend: false,
  },
  status: {
    phase,
    canaryWeight,
    failedChecks: 0,
    iterations: 0,
    conditions: [],
    metrics: [],
  },
});

describe('describeProgress', () => {
  it.each<[CanaryRollout['status']['phase'], number, string | undefined]>([
    ['Progressing', 0, 'starting: 4 steps'],
    ['Progressing', 20, 'step 1 of 4'],
    ['Progressing', 60, 'step 3 of 4'],
    ['WaitingPromotion', 80, 'step 4 of 4'],
    ['Succeeded', 0, undefined],
    ['Failed', 0, undefined],
  ])('%s at weight %p reads %p', (phase, weight, expected) => {
    expect(describeProgress(canary(phase, weight))).toBe(expected);
  });

  it('counts iterations for A/B and blue/green, and says when blue/green has moved the traffic to the canary', () => {
    const { spec, status } = canary('Progressing', 0);
    expect(
      describeProgress({
        spec: { ...spec, strategy: 'bluegreen', steps: [], iterations: 10 },
        status: { ...status, iterations: 3 },
      }),
    ).toBe('iteration 3 of 10');
    expect(
      describeProgress({
        spec: { ...spec, strategy: 'bluegreen', steps: [], iterations: 10 },
        status: { ...status, iterations: 11, canaryWeight: 100 },
      }),
    ).toBe('all 10 iterations done, traffic on the canary');
  });

  it.each<[number | undefined, string]>([
    [undefined, 'starting: 2 steps'],
    [1, 'step 2 of 2'],
    // Past the last step (promoting), worded as for an Argo Rollout.
    [2, 'all 2 steps done'],
  ])(
    "reads Argo Rollouts' steps from the status: step index %p reads %p",
    (currentStepIndex, expected) => {
      const { spec, status } = canary('Progressing', 50);
      expect(
        describeProgress({
          spec: {
            ...spec,
            steps: [50],
            canarySteps: [{ setWeight: 50 }, { pause: { duration: '10m' } }],
          },
          status: { ...status, currentStepIndex },
        }),
      ).toBe(expected);
    },
  );
});
