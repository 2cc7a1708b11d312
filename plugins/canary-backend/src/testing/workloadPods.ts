import type { WorkloadPods } from '../workloads/WorkloadPods';

/**
 * A workload's pod counts for decision tests: a Deployment of `desired` replicas (default 2),
 * rolled out and every pod available, unless `overrides` say otherwise.
 */
export function workloadPods(
  overrides: Partial<WorkloadPods> = {},
): WorkloadPods {
  const desired = overrides.desired ?? 2;
  return {
    kind: 'Deployment',
    specObserved: true,
    scaledToZero: false,
    desired,
    updated: desired,
    old: 0,
    available: desired,
    thresholdOf: overrides.updated ?? desired,
    ...overrides,
  };
}
