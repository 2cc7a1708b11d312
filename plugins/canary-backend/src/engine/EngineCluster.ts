import type { ClusterCache } from '../cluster/ClusterCache';
import type { ClusterWriter } from '../cluster/ClusterWriter';

/**
 * What the engine uses of one cluster: reads from the informer cache (and `fetch` for the data
 * of configs, which the cache holds as digests), writes through the API server. Narrow, so the
 * reconciler runs over an in-memory cluster in unit tests (src/testing/InMemoryCluster).
 */
export interface EngineCluster {
  cache: Pick<
    ClusterCache,
    'get' | 'getNow' | 'fetch' | 'apiGroups' | 'serves' | 'watchedVersion'
  >;
  writer: Pick<
    ClusterWriter,
    'create' | 'patch' | 'patchStatus' | 'delete' | 'createEvent'
  >;
}
