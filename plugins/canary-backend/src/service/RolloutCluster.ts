import type { ClusterCache } from '../cluster/ClusterCache';
import type { RecentCanaryEvents } from '../events/RecentCanaryEvents';

/**
 * What the portal API reads of one connected cluster (a `ConnectedCluster` of the engine
 * service); narrow, so route tests can hand in caches held in memory.
 */
export interface RolloutCluster {
  config: { name: string; defaultProvider?: string };
  cache: Pick<ClusterCache, 'list' | 'getNow' | 'onChange' | 'apiGroups'>;
  events: Pick<RecentCanaryEvents, 'forCanary' | 'onRecord'>;
  synced: boolean;
  error?: string;
}
