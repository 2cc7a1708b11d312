import type {
  CanaryRollout,
  RolloutsResponse,
} from '@vane/plugin-canary-common';
import type { RolloutsQuery } from '../service/readRolloutsQuery';

/**
 * Filters rollouts by phase and cluster, orders them stably (cluster, namespace, name) so pages
 * do not overlap between calls, and cuts the page.
 */
export function selectRollouts(
  rollouts: readonly CanaryRollout[],
  query: Pick<RolloutsQuery, 'phases' | 'clusters' | 'limit' | 'offset'>,
): Pick<RolloutsResponse, 'items' | 'totalCount' | 'offset' | 'limit'> {
  const matching = rollouts.filter(
    rollout =>
      (query.phases.length === 0 ||
        (rollout.status.phase !== undefined &&
          query.phases.includes(rollout.status.phase))) &&
      (query.clusters.length === 0 || query.clusters.includes(rollout.cluster)),
  );
  const sorted = [...matching].sort((a, b) =>
    `${a.cluster}/${a.namespace}/${a.name}/${a.entityRef}`.localeCompare(
      `${b.cluster}/${b.namespace}/${b.name}/${b.entityRef}`,
    ),
  );
  return {
    items: sorted.slice(query.offset, query.offset + query.limit),
    totalCount: sorted.length,
    offset: query.offset,
    limit: query.limit,
  };
}
