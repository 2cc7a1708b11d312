import { summarizeArgoRollout } from './summarizeArgoRollout';

const STABLE = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';

// ratings, 5 replicas, paused at its second step (pause {}) after setWeight 20, with one canary
// pod of five available, and a background AnalysisRun measuring its success rate.
const rollout = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'ratings', namespace: 'test', uid: 'u1', generation: 2 },
  spec: {
    replicas: 5,
    strategy: {
      canary: {
        steps: [
          { setWeight: 20 },
          { pause: {} },
          { setWeight: 60 },
          { pause: { duration: '30s' } },
        ],
      },
    },
    template: { spec: { containers: [{ name: 'ratings', image: NEXT }] } },
  },
  status: {
    observedGeneration: '2',
    phase: 'Paused',
    message: 'CanaryPauseStep',
    controllerPause: true,
    pauseConditions: [
      { reason: 'CanaryPauseStep', startTime: '2026-03-01T10:00:00Z' },
    ],
    currentStepIndex: 1,
    stableRS: 'a1',
    currentPodHash: 'b2',
    replicas: 5,
    updatedReplicas: 1,
    readyReplicas: 5,
    availableReplicas: 5,
  },
};

const replicaSet = (hash: string, image: string, available: number) => ({
  metadata: {
    name: `ratings-${hash}`,
    labels: { 'rollouts-pod-template-hash': hash },
  },
  spec: { template: { spec: { containers: [{ name: 'ratings', image }] } } },
  status: { availableReplicas: available },
});

const analysisRun = (
  name: string,
  revision: string,
  created: string,
  phase: string,
) => ({
  metadata: {
    name,
    creationTimestamp: created,
    annotations: { 'rollout.argoproj.io/revision': revision },
  },
  spec: {
    metrics: [
      { name: 'success-rate', successCondition: 'result[0] >= 0.95' },
      { name: 'latency', failureCondition: 'result[0] > 500' },
    ],
  },
  status: {
    phase,
    startedAt: created,
    metricResults: [
      {
        name: 'success-rate',
        phase: 'Running',
        count: 3,
        successful: 2,
        failed: 1,
        measurements: [{ phase: 'Failed', value: '[0.91]' }],
      },
    ],
  },
});

describe('summarizeArgoRollout', () => {
  it('shows a Rollout paused at a step as the portal renders it: phase, steps, weights, images, pause, AnalysisRuns', () => {
    const summary = summarizeArgoRollout({
      cluster: 'lab',
      entityRef: 'component:default/ratings',
      rollout,
      replicaSets: [replicaSet('a1', STABLE, 4), replicaSet('b2', NEXT, 1)],
      analysisRuns: [
        analysisRun(
          'ratings-b2-2-old',
          '1',
          '2026-02-01T00:00:00Z',
          'Successful',
        ),
        analysisRun('ratings-b2-2', '2', '2026-03-01T09:59:00Z', 'Running'),
      ],
    });
    expect(summary).toMatchObject({
      cluster: 'lab',
      namespace: 'test',
      name: 'ratings',
      controller: 'argo-rollouts',
      spec: { valid: true, strategy: 'canary', steps: [20, 60] },
      status: {
        phase: 'Paused',
        reason: 'CanaryPauseStep',
        canaryWeight: 20,
        failedChecks: 0,
        lastTransitionTime: '2026-03-01T10:00:00Z',
      },
      images: {
        primary: [{ container: 'ratings', image: STABLE }],
        canary: [{ container: 'ratings', image: NEXT }],
      },
      events: [],
    });
    expect(summary.argoRollouts).toEqual({
      strategy: 'canary',
      steps: [
        { kind: 'setWeight', description: 'setWeight: 20', setWeight: 20 },
        { kind: 'pause', description: 'pause' },
        { kind: 'setWeight', description: 'setWeight: 60', setWeight: 60 },
        { kind: 'pause', description: 'pause: 30s', pauseDuration: '30s' },
      ],
      currentStepIndex: 1,
      setWeight: 20,
      actualWeight: 20,
      paused: false,
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2026-03-01T10:00:00Z' },
      ],
      aborted: false,
      stableRevision: 'a1',
      currentRevision: 'b2',
      replicas: { desired: 5, current: 5, updated: 1, ready: 5, available: 5 },
      analysisRuns: [
        {
          name: 'ratings-b2-2',
          phase: 'Running',
          revision: 2,
          startedAt: '2026-03-01T09:59:00Z',
          metrics: [
            {
              name: 'success-rate',
              phase: 'Running',
              successCondition: 'result[0] >= 0.95',
              count: 3,
              successful: 2,
              failed: 1,
              inconclusive: 0,
              error: 0,
              lastValue: '[0.91]',
              lastPhase: 'Failed',
            },
            {
              name: 'latency',
              failureCondition: 'result[0] > 500',
              count: 0,
              successful: 0,
              failed: 0,
              inconclusive: 0,
              error: 0,
            },
          ],
        },
        expect.objectContaining({ name: 'ratings-b2-2-old', revision: 1 }),
      ],
    });
  });

  it('shows a fully promoted Rollout Healthy at 100%, past its last step, with the desired images as stable', () => {
    const summary = summarizeArgoRollout({
      cluster: 'lab',
      entityRef: 'component:default/ratings',
      rollout: {
        ...rollout,
        status: {
          observedGeneration: '2',
          phase: 'Healthy',
          currentStepIndex: 4,
          stableRS: 'b2',
          currentPodHash: 'b2',
          replicas: 5,
          updatedReplicas: 5,
          availableReplicas: 5,
        },
      },
      replicaSets: [],
      analysisRuns: [],
    });
    expect(summary.status).toMatchObject({
      phase: 'Healthy',
      canaryWeight: 100,
    });
    expect(summary.status.reason).toBeUndefined();
    expect(summary.argoRollouts).toMatchObject({
      currentStepIndex: 4,
      setWeight: 100,
      actualWeight: 100,
    });
    expect(summary.images.primary).toEqual([
      { container: 'ratings', image: NEXT },
    ]);
  });

  it('shows an aborted, manually paused blue-green Rollout, and reads the images of the Deployment its workloadRef names', () => {
    const summary = summarizeArgoRollout({
      cluster: 'lab',
      entityRef: 'component:default/ratings',
      rollout: {
        metadata: { name: 'ratings', namespace: 'test', uid: 'u1' },
        spec: {
          paused: true,
          workloadRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'ratings',
          },
          strategy: { blueGreen: {} },
        },
        status: {
          abort: true,
          phase: 'Degraded',
          message: 'RolloutAborted: Rollout aborted update to revision 3',
          stableRS: 'a1',
          currentPodHash: 'b2',
          blueGreen: { activeSelector: 'a1', previewSelector: 'b2' },
        },
      },
      replicaSets: [replicaSet('a1', STABLE, 2)],
      analysisRuns: [],
      workload: {
        spec: {
          template: {
            spec: { containers: [{ name: 'ratings', image: NEXT }] },
          },
        },
      },
    });
    expect(summary.spec).toMatchObject({
      strategy: 'bluegreen',
      steps: [],
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ratings' },
    });
    expect(summary.status).toMatchObject({
      phase: 'Degraded',
      reason: 'RolloutAborted: Rollout aborted update to revision 3',
      canaryWeight: 0,
    });
    expect(summary.argoRollouts).toMatchObject({
      strategy: 'blueGreen',
      steps: [],
      paused: true,
      aborted: true,
      setWeight: 0,
      actualWeight: 0,
    });
    expect(summary.argoRollouts?.currentStepIndex).toBeUndefined();
    expect(summary.images).toEqual({
      primary: [{ container: 'ratings', image: STABLE }],
      canary: [{ container: 'ratings', image: NEXT }],
    });
  });
});
