import type { Canary } from '@vane/plugin-canary-common';
import { kubernetesObjectRef } from '../../routers/kubernetesObjectRef';
import { CANARY_FINALIZER } from '../CANARY_FINALIZER';
import type { EngineCluster } from '../EngineCluster';

/** Adds or removes the engine's finalizer on a Canary, keeping everyone else's. */
export async function setCanaryFinalizer(
  writer: EngineCluster['writer'],
  canary: Canary,
  present: boolean,
): Promise<void> {
  const others = (canary.metadata.finalizers ?? []).filter(
    f => f !== CANARY_FINALIZER,
  );
  const finalizers = present ? [...others, CANARY_FINALIZER] : others;
  // resourceVersion makes the list replacement conditional: a finalizer someone else added
  // meanwhile is never dropped (409, and the next tick decides again).
  await writer.patch(kubernetesObjectRef(canary), {
    metadata: {
      finalizers: finalizers.length > 0 ? finalizers : null,
      resourceVersion: canary.metadata.resourceVersion,
    },
  });
}
