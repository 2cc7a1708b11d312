import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectRef,
  MeshRouterContext,
} from '@vane/plugin-canary-node';
import { createMergePatch } from './createMergePatch';
import { isOwnedByCanary } from './isOwnedByCanary';
import { ORIGINAL_SPEC_ANNOTATION } from './ORIGINAL_SPEC_ANNOTATION';

/** What finalizing one routing object did. */
export type FinalizeOutcome = 'deleted' | 'restored' | 'left';

/**
 * Hands a routing object back when its Canary goes away: deletes the objects Vane created, and
 * restores the spec of adopted ones from the annotation written when they were adopted.
 */
export async function finalizeRoutingObject(
  context: Pick<MeshRouterContext, 'reader' | 'writer'>,
  canary: Canary,
  ref: KubernetesObjectRef,
): Promise<FinalizeOutcome> {
  const current = await context.reader.get(ref);
  if (!current) return 'left';
  if (isOwnedByCanary(current, canary)) {
    await context.writer.delete(ref);
    return 'deleted';
  }
  const original = current.metadata.annotations?.[ORIGINAL_SPEC_ANNOTATION];
  if (!original) return 'left';

  let originalSpec: Record<string, unknown>;
  try {
    originalSpec = JSON.parse(original);
  } catch (error) {
    throw new Error(
      `${ref.kind} ${ref.namespace}/${ref.name}: annotation ${ORIGINAL_SPEC_ANNOTATION} is not valid JSON, so its original spec cannot be restored; fix or remove the annotation (${error})`,
    );
  }
  const specPatch = createMergePatch(
    (current.spec ?? {}) as Record<string, unknown>,
    originalSpec,
  );
  await context.writer.patch(ref, {
    ...(specPatch ? { spec: specPatch } : {}),
    metadata: { annotations: { [ORIGINAL_SPEC_ANNOTATION]: null } },
  });
  return 'restored';
}
