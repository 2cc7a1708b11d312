import type { ClusterCache } from '../cluster/ClusterCache';
import type { ClusterWriter } from '../cluster/ClusterWriter';
import type { RecentCanaryEvents } from '../events/RecentCanaryEvents';

/**
 * What the portal API reads of one connected cluster (a `ConnectedCluster` of the engine
 * service); narrow, so route tests can hand in caches held in memory.
 */
export interface RolloutCluster {
  config: {
    name: string;
    defaultProvider?: string;
    /** Where the mesh's request metrics are, for health and analysis charts. */
    prometheusUrl?: string;
  };
  cache: Pick<ClusterCache, 'list' | 'getNow' | 'onChange' | 'apiGroups'>;
  events: Pick<RecentCanaryEvents, 'forCanary' | 'onRecord'>;
  /**
   * Operator actions write through it: annotations on a Vane Canary, the patches Argo Rollouts
   * and Flagger honour on theirs, and an Event. The Scaffolder's apply creates Canaries (and
   * MetricTemplates) through it.
   */
  writer: Pick<
    ClusterWriter,
    'patch' | 'patchStatus' | 'createEvent' | 'create'
  >;
  synced: boolean;
  error?: string;
}
