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
