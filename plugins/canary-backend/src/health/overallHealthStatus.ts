import type { MeshHealthStatus } from '@vane/plugin-canary-common';

/** Worst first; unknown outranks healthy, so missing data never reads as healthy. */
const SEVERITY: MeshHealthStatus[] = [
  'failing',
  'degraded',
  'unknown',
  'healthy',
  'no-traffic',
];

/**
 * The status of an entity from its workloads': the worst one, `no-traffic` only when none has
 * traffic, and `unknown` when part of the entity could not be measured (an unreachable cluster
 * or Prometheus) and nothing worse is known.
 */
export function overallHealthStatus(
  statuses: readonly MeshHealthStatus[],
  somethingUnmeasured: boolean,
): MeshHealthStatus {
  const all = somethingUnmeasured
    ? [...statuses, 'unknown' as const]
    : statuses;
  return SEVERITY.find(status => all.includes(status)) ?? 'no-traffic';
}
