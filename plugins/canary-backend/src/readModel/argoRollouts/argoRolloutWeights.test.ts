import type { ArgoReplicaSet, ArgoRollout } from './ArgoRollout';
import { argoActualWeight, argoSetWeight } from './argoRolloutWeights';

const STEPS = [
  { setWeight: 20 },
  { pause: {} },
  { analysis: {} },
  { setWeight: 60 },
  { pause: { duration: '30s' } },
];

function rollout(
  status: NonNullable<ArgoRollout['status']>,
  trafficRouting?: Record<string, unknown>,
): ArgoRollout {
  return {
    metadata: { name: 'ratings', namespace: 'test' },
    spec: {
      replicas: 5,
      strategy: {
        canary: { steps: STEPS, ...(trafficRouting ? { trafficRouting } : {}) },
      },
    },
    status: { stableRS: 'a', currentPodHash: 'b', ...status },
  };
}

const replicaSet = (hash: string, available: number): ArgoReplicaSet => ({
  metadata: {
    name: `ratings-${hash}`,
    labels: { 'rollouts-pod-template-hash': hash },
  },
  status: { availableReplicas: available },
});

describe('the weights of an Argo Rollout, as kubectl argo rollouts get rollout prints them', () => {
  it.each<[string, NonNullable<ArgoRollout['status']>, number]>([
    ['no step index yet: the first step', {}, 20],
    ['at a pause after setWeight 20', { currentStepIndex: 1 }, 20],
    ['at analysis, still 20', { currentStepIndex: 2 }, 20],
    ['at setWeight 60', { currentStepIndex: 3 }, 60],
    ['past the last step: the maximum', { currentStepIndex: 5 }, 100],
    ['aborted: 0', { currentStepIndex: 3, abort: true }, 0],
  ])('set weight %s', (_scenario, status, weight) => {
    expect(argoSetWeight(rollout(status))).toBe(weight);
  });

  it('without a traffic router, the actual weight is the canary ReplicaSet’s share of the available pods', () => {
    const sets = [replicaSet('a', 4), replicaSet('b', 1)];
    expect(
      argoActualWeight(
        rollout({ currentStepIndex: 1, availableReplicas: 5 }),
        sets,
      ),
    ).toBe(20);
    // Integer division, as Argo's.
    expect(
      argoActualWeight(rollout({ currentStepIndex: 1, availableReplicas: 3 }), [
        replicaSet('a', 2),
        replicaSet('b', 1),
      ]),
    ).toBe(33);
    // Nothing available yet, or no canary ReplicaSet cached: 0, never the set weight.
    expect(argoActualWeight(rollout({ currentStepIndex: 1 }), sets)).toBe(0);
    expect(
      argoActualWeight(
        rollout({ currentStepIndex: 1, availableReplicas: 5 }),
        [],
      ),
    ).toBe(0);
  });

  it('with a traffic router, the weight it reported, else the set weight; past the steps the maximum', () => {
    const routed = { istio: {} };
    expect(
      argoActualWeight(
        rollout(
          {
            currentStepIndex: 3,
            availableReplicas: 5,
            canary: {
              weights: { canary: { weight: 40 }, stable: { weight: 60 } },
            },
          },
          routed,
        ),
        [],
      ),
    ).toBe(40);
    expect(
      argoActualWeight(
        rollout({ currentStepIndex: 3, availableReplicas: 5 }, routed),
        [],
      ),
    ).toBe(60);
    expect(
      argoActualWeight(
        rollout({ currentStepIndex: 5 }, { istio: {}, maxTrafficWeight: 1000 }),
        [],
      ),
    ).toBe(1000);
  });
});
