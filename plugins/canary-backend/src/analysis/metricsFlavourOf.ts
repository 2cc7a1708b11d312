import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import type { RolloutCluster } from '../readModel/RolloutCluster';

/**
 * Whose telemetry the charts and health read in a cluster: a Canary's provider by the engine's
 * rule (chooseMeshProvider), else the cluster's default or discovered mesh. Where the engine
 * would refuse the provider (the cluster does not serve it), what the cluster has is measured
 * instead; the engine reports the refusal on the Canary.
 */
export function metricsFlavourOf(
  cluster: Pick<RolloutCluster, 'config' | 'cache' | 'meshes'>,
  specProvider?: string,
): MetricsFlavour {
  const choose = (provider?: string) =>
    cluster.meshes.choose({
      specProvider: provider,
      clusterDefault: cluster.config.defaultProvider,
      apiGroups: cluster.cache.apiGroups,
      clusterName: cluster.config.name,
    }).metrics;
  try {
    return choose(specProvider);
  } catch {
    try {
      return choose(undefined);
    } catch {
      return choose('kubernetes');
    }
  }
}
