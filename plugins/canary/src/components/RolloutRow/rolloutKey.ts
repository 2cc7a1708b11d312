import type { CanaryRollout } from '@vane/plugin-canary-common';

/** A rollout's identity across clusters, for React keys and DOM test ids. */
export function rolloutKey(
  rollout: Pick<CanaryRollout, 'cluster' | 'namespace' | 'name'>,
): string {
  return `${rollout.cluster}-${rollout.namespace}-${rollout.name}`;
}
