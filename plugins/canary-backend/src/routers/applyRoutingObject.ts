import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRouterContext,
} from '@vane/plugin-canary-node';
import { createMergePatch } from './createMergePatch';
import { isOwnedByCanary } from './isOwnedByCanary';
import { kubernetesObjectRef } from './kubernetesObjectRef';
import { ORIGINAL_SPEC_ANNOTATION } from './ORIGINAL_SPEC_ANNOTATION';

/** What applying one routing object did; `unchanged` made no request. */
export type ApplyOutcome = 'created' | 'patched' | 'unchanged';

/**
 * Creates a routing object, or patches the current one's spec towards the desired one. The
 * current object comes from the informer cache, so an object already in the desired state costs
 * no request. Only the spec is patched: labels and annotations set by others stay.
 */
export async function applyRoutingObject(
  context: Pick<MeshRouterContext, 'reader' | 'writer'>,
  canary: Canary,
  desired: KubernetesObjectLike,
): Promise<ApplyOutcome> {
  const ref = kubernetesObjectRef(desired);
  const desiredSpec = (desired.spec ?? {}) as Record<string, unknown>;
  const current = await context.reader.get(ref);

  if (!current) {
    if ((await context.writer.create(desired)) === 'created') return 'created';
    // The cache has not seen it yet: write our spec over it without knowing what was there.
    await context.writer.patch(ref, { spec: desiredSpec });
    return 'patched';
  }

  const currentSpec = (current.spec ?? {}) as Record<string, unknown>;
  const specPatch = createMergePatch(currentSpec, desiredSpec);
  if (!specPatch) return 'unchanged';

  const patch: Record<string, unknown> = { spec: specPatch };
  const adopted = !isOwnedByCanary(current, canary);
  if (adopted && !current.metadata.annotations?.[ORIGINAL_SPEC_ANNOTATION]) {
    patch.metadata = {
      annotations: { [ORIGINAL_SPEC_ANNOTATION]: JSON.stringify(currentSpec) },
    };
  }
  await context.writer.patch(ref, patch);
  return 'patched';
}
