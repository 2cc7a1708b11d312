import type { ClusterCache } from '../cluster/ClusterCache';
import type { ClusterWriter } from '../cluster/ClusterWriter';
import type { RecentCanaryEvents } from '../events/RecentCanaryEvents';

/**
 * What the portal API reads of one connected cluster (a `ConnectedCluster` of the engine
 * service); narrow, so route tests can hand in caches held in memory.
 */
export interface RolloutCluster {
  config: { name: string; defaultProvider?: string };
  cache: Pick<ClusterCache, 'list' | 'getNow' | 'onChange' | 'apiGroups'>;
  events: Pick<RecentCanaryEvents, 'forCanary' | 'onRecord'>;
  /** Operator actions write through it: annotations on the Canary, and an Event. */
  writer: Pick<ClusterWriter, 'patch' | 'createEvent'>;
  synced: boolean;
  error?: string;
}
