import type {
  CanaryRollout,
  RolloutController,
} from '@vane/plugin-canary-common';

/**
 * A rollout's identity across clusters, for React keys and DOM test ids: `cluster-namespace-name`
 * for a Vane Canary, with `-<controller>` after it for another controller's rollout (a Flagger and
 * a Vane Canary may share a name while a team migrates).
 */
export function rolloutKey(
  rollout: Pick<CanaryRollout, 'cluster' | 'namespace' | 'name'> & {
    controller?: RolloutController;
  },
): string {
  const key = `${rollout.cluster}-${rollout.namespace}-${rollout.name}`;
  return rollout.controller && rollout.controller !== 'vane'
    ? `${key}-${rollout.controller}`
    : key;
}
