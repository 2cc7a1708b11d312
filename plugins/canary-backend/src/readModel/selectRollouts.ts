import type {
  CanaryRollout,
  RolloutPhase,
  RolloutsResponse,
} from '@vane/plugin-canary-common';

/** Which rollouts a page holds: of these phases and clusters (any when empty), from `offset` on. */
export interface RolloutSelection {
  phases: RolloutPhase[];
  clusters: string[];
  limit: number;
  offset: number;
}

/**
 * Filters rollouts by phase and cluster, orders them stably (cluster, namespace, name) so pages
 * do not overlap between calls, and cuts the page.
 */
export function selectRollouts(
  rollouts: readonly CanaryRollout[],
  query: RolloutSelection,
): Pick<RolloutsResponse, 'items' | 'totalCount' | 'offset' | 'limit'> {
  const matching = rollouts.filter(
    rollout =>
      (query.phases.length === 0 ||
        (rollout.status.phase !== undefined &&
          query.phases.includes(rollout.status.phase))) &&
      (query.clusters.length === 0 || query.clusters.includes(rollout.cluster)),
  );
  const sorted = [...matching].sort((a, b) =>
    `${a.cluster}/${a.namespace}/${a.name}/${a.entityRef}/${a.controller}`.localeCompare(
      `${b.cluster}/${b.namespace}/${b.name}/${b.entityRef}/${b.controller}`,
    ),
  );
  return {
    items: sorted.slice(query.offset, query.offset + query.limit),
    totalCount: sorted.length,
    offset: query.offset,
    limit: query.limit,
  };
}
