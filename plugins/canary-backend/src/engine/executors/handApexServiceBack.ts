import type { KubernetesOwnerReference } from '@vane/plugin-canary-node';
import type { EngineCluster } from '../EngineCluster';
import type { ExecutionContext } from './ActionExecutors';

/**
 * Points the apex Service at the target's pods and takes the Canary off its owners, so that
 * garbage collection, which takes the primary, leaves the Service serving the target.
 */
export async function handApexServiceBack(
  cluster: EngineCluster,
  { canary, spec, target }: ExecutionContext,
): Promise<void> {
  const selector = target?.spec?.selector?.matchLabels;
  const ref = {
    apiVersion: 'v1',
    kind: 'Service',
    namespace: canary.metadata.namespace,
    name: spec.service.name ?? spec.targetRef.name,
  };
  const apex = cluster.cache.getNow(ref);
  if (!apex || !selector) {
    return;
  }
  const owners = (apex.metadata.ownerReferences ?? []).filter(
    (owner: KubernetesOwnerReference) => owner.uid !== canary.metadata.uid,
  );
  await cluster.writer.patch(ref, {
    metadata: { ownerReferences: owners.length > 0 ? owners : null },
    // A merge patch merges maps: the primary's labels are removed by name.
    spec: {
      selector: {
        ...Object.fromEntries(
          Object.keys((apex.spec as any)?.selector ?? {}).map(key => [
            key,
            null,
          ]),
        ),
        ...selector,
      },
    },
  });
}
