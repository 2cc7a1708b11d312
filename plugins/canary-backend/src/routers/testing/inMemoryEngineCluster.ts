import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import type { ClusterCache } from '../../cluster/ClusterCache';
import type { ClusterWriter } from '../../cluster/ClusterWriter';
import { InMemoryCluster } from './InMemoryCluster';

/**
 * The cache and writer the engine's CanaryReconciler takes, over an InMemoryCluster: reads see
 * every write at once, status patches merge into `.status` (recorded as patches of the object),
 * and Events are kept apart in `events`, so `cluster.writes` holds only what touched objects.
 */
export function inMemoryEngineCluster(
  cluster: InMemoryCluster,
  apiGroups: string[],
) {
  const events: KubernetesObjectLike[] = [];
  const cache = {
    apiGroups,
    get: cluster.reader.get,
    getNow: (ref: Parameters<ClusterCache['getNow']>[0]) => cluster.find(ref),
    fetch: cluster.reader.get,
    serves: () => true,
    watchedVersion: (group: string) =>
      group === 'autoscaling' ? 'autoscaling/v2' : undefined,
  } as unknown as ClusterCache;
  const writer = {
    ...cluster.writer,
    patchStatus: (
      ref: Parameters<ClusterWriter['patchStatus']>[0],
      status: Record<string, unknown>,
    ) => cluster.writer.patch(ref, { status }),
    createEvent: async (event: KubernetesObjectLike) => {
      events.push(event);
    },
  } as unknown as ClusterWriter;
  return { cache, writer, events };
}
