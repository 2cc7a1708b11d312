import type { ClusterCache } from '../cluster/ClusterCache';
import type { ClusterWriter } from '../cluster/ClusterWriter';
import type { RecentCanaryEvents } from '../events/RecentCanaryEvents';
import type { MeshRouterRegistry } from '../meshes/MeshRouterRegistry';
import type { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';

/**
 * What the portal API reads of one connected cluster (a `ConnectedCluster` of the engine
 * service); narrow, so route tests can hand in caches held in memory.
 */
export interface RolloutCluster {
  config: {
    name: string;
    defaultProvider?: string;
  };
  /**
   * The cluster's Prometheus with its credentials (where the mesh's request metrics are, for
   * health and analysis charts), absent when none is configured.
   */
  prometheus?: Pick<PrometheusMetricProvider, 'queryVector' | 'queryRange'>;
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
  /** The meshes the backend knows (built in and from modules): the engine's provider rule. */
  meshes: Pick<MeshRouterRegistry, 'choose' | 'discover'>;
  synced: boolean;
  error?: string;
}
