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
 * no request. When the desired object carries labels (`spec.service.apex`) and the Canary owns
 * the current one, its labels become those, as Flagger writes them; its annotations are added
 * to, never removed, so those set by others stay. Otherwise only the spec is patched.
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
  const adopted = !isOwnedByCanary(current, canary);
  const metadataPatch = adopted
    ? undefined
    : ownMetadataPatch(current, desired);
  if (!specPatch && !metadataPatch) return 'unchanged';

  const patch: Record<string, unknown> = {};
  if (specPatch) patch.spec = specPatch;
  if (metadataPatch) patch.metadata = metadataPatch;
  if (
    specPatch &&
    adopted &&
    !current.metadata.annotations?.[ORIGINAL_SPEC_ANNOTATION]
  ) {
    patch.metadata = {
      annotations: { [ORIGINAL_SPEC_ANNOTATION]: JSON.stringify(currentSpec) },
    };
  }
  await context.writer.patch(ref, patch);
  return 'patched';
}

/** The labels (exactly) and annotations (added) of the desired object, where they differ. */
function ownMetadataPatch(
  current: KubernetesObjectLike,
  desired: KubernetesObjectLike,
): Record<string, unknown> | undefined {
  const patch: Record<string, unknown> = {};
  if (desired.metadata.labels) {
    const labels = createMergePatch(
      current.metadata.labels ?? {},
      desired.metadata.labels,
    );
    if (labels) patch.labels = labels;
  }
  const annotations = Object.fromEntries(
    Object.entries(desired.metadata.annotations ?? {}).filter(
      ([key, value]) => current.metadata.annotations?.[key] !== value,
    ),
  );
  if (Object.keys(annotations).length > 0) patch.annotations = annotations;
  return Object.keys(patch).length > 0 ? patch : undefined;
}
