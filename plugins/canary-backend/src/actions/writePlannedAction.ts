import type { KubernetesObjectRef } from '@vane/plugin-canary-node';
import type { ClusterWriter } from '../cluster/ClusterWriter';
import { KubernetesApiError } from '../cluster/KubernetesHttpClient';
import type { PlannedAction } from './PlannedAction';

/**
 * Writes a planned action as `kubectl argo rollouts` writes its patches: the status
 * subresource's first; when the CRD has none (404), the one patch of the object that stands for
 * both instead; then the object's.
 */
export async function writePlannedAction(
  writer: Pick<ClusterWriter, 'patch' | 'patchStatus'>,
  ref: KubernetesObjectRef,
  plan: PlannedAction,
): Promise<void> {
  let objectPatch = plan.object;
  if (plan.status) {
    try {
      await writer.patchStatus(ref, plan.status);
    } catch (error) {
      const noStatusSubresource =
        error instanceof KubernetesApiError && error.statusCode === 404;
      if (!noStatusSubresource || !plan.withoutStatusSubresource) {
        throw error;
      }
      objectPatch = plan.withoutStatusSubresource;
    }
  }
  if (objectPatch) {
    await writer.patch(ref, objectPatch);
  }
}
