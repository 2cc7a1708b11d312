import { daemonSetWorkload } from './daemonSetWorkload';
import { deploymentWorkload } from './deploymentWorkload';
import { workloadReadiness } from './workloadReadiness';

/** A Deployment of `replicas` with the status its controller reports, at generation 2. */
const deployment = (
  replicas: number,
  status: Record<string, number>,
  generation = 2,
) => ({
  metadata: { generation },
  spec: { replicas },
  status: { observedGeneration: 2, ...status },
});

/** A DaemonSet on `desired` nodes with the status its controller reports, at generation 3. */
const daemonSet = (
  status: Record<string, number>,
  nodeSelector?: Record<string, string>,
  generation = 3,
) => ({
  metadata: { generation },
  spec: { template: { spec: { ...(nodeSelector ? { nodeSelector } : {}) } } },
  status: { observedGeneration: 3, ...status },
});

describe('workloadReadiness of a Deployment (Flagger: deployment_ready.go)', () => {
  it.each([
    [
      'every updated replica available',
      deployment(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
      100,
      { ready: true },
    ],
    [
      '1 of 2 updated replicas are available',
      deployment(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 1 }),
      100,
      {
        ready: false,
        reason:
          'waiting for rollout to finish: 1 of 2 (readyThreshold 100%) updated replicas are available',
      },
    ],
    [
      '1 of 2 available at readyThreshold 50: floor(2 x 50%) = 1 is enough',
      deployment(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 1 }),
      50,
      { ready: true },
    ],
    [
      '2 of 3 available at readyThreshold 70: floor(3 x 70%) = 2 is enough',
      deployment(3, { replicas: 3, updatedReplicas: 3, availableReplicas: 2 }),
      70,
      { ready: true },
    ],
    [
      '1 of 3 available at readyThreshold 67: floor(3 x 67%) = 2 are needed',
      deployment(3, { replicas: 3, updatedReplicas: 3, availableReplicas: 1 }),
      67,
      {
        ready: false,
        reason:
          'waiting for rollout to finish: 1 of 2 (readyThreshold 67%) updated replicas are available',
      },
    ],
    [
      'none available at readyThreshold 0',
      deployment(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 0 }),
      0,
      { ready: true },
    ],
    [
      'old replicas still running, whatever the threshold',
      deployment(2, { replicas: 3, updatedReplicas: 2, availableReplicas: 2 }),
      50,
      {
        ready: false,
        reason:
          'waiting for rollout to finish: 1 old replicas are pending termination',
      },
    ],
    [
      'replicas not all updated, whatever the threshold',
      deployment(2, { replicas: 2, updatedReplicas: 1, availableReplicas: 2 }),
      0,
      {
        ready: false,
        reason:
          'waiting for rollout to finish: 1 out of 2 new replicas have been updated',
      },
    ],
    [
      'a spec its controller has not seen',
      deployment(
        2,
        { replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
        3,
      ),
      100,
      {
        ready: false,
        reason: 'waiting for the deployment spec update to be observed',
      },
    ],
    [
      'scaled to zero',
      deployment(0, {}),
      0,
      { ready: false, reason: 'scaled to zero replicas' },
    ],
  ])('judges %s', (_, input, threshold, expected) => {
    expect(
      workloadReadiness(deploymentWorkload.pods(input), threshold),
    ).toEqual(expected);
  });
});

describe('workloadReadiness of a DaemonSet (Flagger: daemonset_ready.go)', () => {
  it.each([
    [
      'a pod on each of its 3 nodes, all available',
      daemonSet({
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 3,
      }),
      100,
      { ready: true },
    ],
    [
      '2 of its 3 pods available',
      daemonSet({
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      }),
      100,
      {
        ready: false,
        reason:
          'waiting for rollout to finish: 2 of 3 (readyThreshold 100%) updated pods are available',
      },
    ],
    [
      '2 of 3 pods available at readyThreshold 67: floor(3 x 67%) = 2 is enough',
      daemonSet({
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      }),
      67,
      { ready: true },
    ],
    [
      'pods not all updated',
      daemonSet({
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 1,
        numberAvailable: 3,
      }),
      50,
      {
        ready: false,
        reason:
          'waiting for rollout to finish: 1 out of 3 new pods have been updated',
      },
    ],
    [
      'a spec its controller has not seen',
      daemonSet(
        {
          desiredNumberScheduled: 1,
          updatedNumberScheduled: 1,
          numberAvailable: 1,
        },
        undefined,
        4,
      ),
      100,
      {
        ready: false,
        reason: 'waiting for the daemonset spec update to be observed',
      },
    ],
    [
      'scaled to zero by the engine',
      daemonSet(
        { desiredNumberScheduled: 0 },
        {
          'delivery.vane.dev/scale-to-zero': 'true',
        },
      ),
      100,
      { ready: false, reason: 'scaled to zero: its pods select no node' },
    ],
    [
      'scaled to zero by Flagger, before the Canary was ported',
      daemonSet(
        { desiredNumberScheduled: 0 },
        {
          'flagger.app/scale-to-zero': 'true',
        },
      ),
      100,
      { ready: false, reason: 'scaled to zero: its pods select no node' },
    ],
    [
      'selecting no node of its own accord',
      daemonSet({ desiredNumberScheduled: 0 }, { gpu: 'true' }),
      0,
      { ready: false, reason: 'no node runs its pods (0 desired)' },
    ],
  ])('judges %s', (_, input, threshold, expected) => {
    expect(workloadReadiness(daemonSetWorkload.pods(input), threshold)).toEqual(
      expected,
    );
  });
});

describe('workloadReadiness of a workload that is not there', () => {
  it('is not ready: there are no pods to count', () => {
    expect(workloadReadiness(undefined, 0)).toEqual({
      ready: false,
      reason: 'not found',
    });
  });
});
