import type { CanaryRollout } from '@vane/plugin-canary-common';

/**
 * podinfo halfway through a canary release that is failing its checks: at weight 40 of
 * 20/40/60/80 with 2 failed checks of 3.
 */
export const haltedRollout: CanaryRollout = {
  cluster: 'lab',
  namespace: 'test',
  name: 'podinfo',
  entityRef: 'component:default/podinfo',
  controller: 'vane',
  provider: 'istio',
  spec: {
    valid: true,
    strategy: 'canary',
    threshold: 3,
    steps: [20, 40, 60, 80],
    metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }],
    skipAnalysis: false,
    suspend: false,
  },
  status: {
    phase: 'Progressing',
    canaryWeight: 40,
    failedChecks: 2,
    iterations: 0,
    reason: 'request-success-rate 97% < 99%',
    conditions: [],
    metrics: [],
    lastTransitionTime: '2026-01-01T11:56:48Z',
  },
  images: {
    primary: [
      { container: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' },
    ],
    canary: [
      { container: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.1.0' },
    ],
  },
  events: [
    {
      type: 'Warning',
      reason: 'Halted',
      message: 'Halt advancement: request-success-rate 97% < 99%',
      time: '2026-01-01T11:59:00Z',
      count: 2,
    },
  ],
};

/** The halted rollout with its status changed. */
export function rolloutWith(
  status: Partial<CanaryRollout['status']>,
  spec: Partial<CanaryRollout['spec']> = {},
): CanaryRollout {
  return {
    ...haltedRollout,
    spec: { ...haltedRollout.spec, ...spec },
    status: { ...haltedRollout.status, ...status },
  };
}

/**
 * ratings, an Argo Rollout paused at its second step (pause {}) after setWeight 20, one canary
 * pod of four available (actual weight 25), its AnalysisRun running.
 */
export const pausedArgoRollout: CanaryRollout = {
  cluster: 'lab',
  namespace: 'test',
  name: 'ratings',
  entityRef: 'component:default/ratings',
  controller: 'argo-rollouts',
  spec: {
    valid: true,
    strategy: 'canary',
    steps: [20, 60],
    metrics: [],
    skipAnalysis: false,
    suspend: false,
  },
  status: {
    phase: 'Paused',
    canaryWeight: 25,
    failedChecks: 0,
    iterations: 0,
    reason: 'CanaryPauseStep',
    conditions: [],
    metrics: [],
    lastTransitionTime: '2026-01-01T11:56:48Z',
  },
  images: {
    primary: [
      { container: 'ratings', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' },
    ],
    canary: [
      { container: 'ratings', image: 'ghcr.io/stefanprodan/podinfo:6.1.0' },
    ],
  },
  events: [],
  argoRollouts: {
    strategy: 'canary',
    steps: [
      { kind: 'setWeight', description: 'setWeight: 20', setWeight: 20 },
      { kind: 'pause', description: 'pause' },
      { kind: 'setWeight', description: 'setWeight: 60', setWeight: 60 },
      { kind: 'pause', description: 'pause: 10s', pauseDuration: '10s' },
    ],
    currentStepIndex: 1,
    setWeight: 20,
    actualWeight: 25,
    paused: false,
    pauseConditions: [
      { reason: 'CanaryPauseStep', startTime: '2026-01-01T11:56:48Z' },
    ],
    aborted: false,
    stableRevision: 'a1',
    currentRevision: 'b2',
    replicas: { desired: 4, current: 4, updated: 1, ready: 4, available: 4 },
    analysisRuns: [
      {
        name: 'ratings-b2-2',
        phase: 'Running',
        revision: 2,
        metrics: [
          {
            name: 'success-rate',
            phase: 'Running',
            successCondition: 'result[0] >= 0.95',
            count: 2,
            successful: 2,
            failed: 0,
            inconclusive: 0,
            error: 0,
            lastValue: '[0.99]',
            lastPhase: 'Successful',
          },
        ],
      },
    ],
  },
};

/** search, a Flagger Canary at weight 30 of 10..50 with one failed check. */
export const progressingFlaggerCanary: CanaryRollout = {
  ...haltedRollout,
  name: 'search',
  entityRef: 'component:default/search',
  controller: 'flagger',
  spec: {
    ...haltedRollout.spec,
    threshold: 5,
    steps: [10, 20, 30, 40, 50],
  },
  status: {
    ...haltedRollout.status,
    canaryWeight: 30,
    failedChecks: 1,
    reason: 'New revision detected, progressing canary analysis.',
  },
};
