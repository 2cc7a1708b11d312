import type {
  KubernetesObjectLike,
  MeshRouterContext,
} from '@vane/plugin-canary-node';
import { createMergePatch } from '../../routers/createMergePatch';
import { kubernetesObjectRef } from '../../routers/kubernetesObjectRef';
import type { ApplyOutcome } from '../../routers/applyRoutingObject';
import { isNginxCanaryAnnotation } from './buildCanaryIngress';

/**
 * Creates the canary Ingress, or patches the current one towards it in one request: its spec,
 * its labels and annotations where they differ, and the canary annotations it no longer carries
 * removed (the routes live in annotations, so a header route or an A/B match that ended must
 * go, as Flagger resets them). Annotations others wrote stay. The current object comes from the
 * informer cache, so an Ingress already in the desired state costs no request.
 */
export async function applyCanaryIngress(
  context: Pick<MeshRouterContext, 'reader' | 'writer'>,
  desired: KubernetesObjectLike,
): Promise<ApplyOutcome> {
  const ref = kubernetesObjectRef(desired);
  const current = await context.reader.get(ref);
  if (!current && (await context.writer.create(desired)) === 'created') {
    return 'created';
  }
  const currentAnnotations = current?.metadata.annotations ?? {};
  const wanted = desired.metadata.annotations ?? {};
  const annotations: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (currentAnnotations[key] !== value) annotations[key] = value;
  }
  for (const key of Object.keys(currentAnnotations)) {
    // Without a current object (the cache has not seen it yet), the patch writes all of ours.
    if (isNginxCanaryAnnotation(key) && !(key in wanted))
      annotations[key] = null;
  }
  const labels = Object.fromEntries(
    Object.entries(desired.metadata.labels ?? {}).filter(
      ([key, value]) => current?.metadata.labels?.[key] !== value,
    ),
  );
  const spec = createMergePatch(
    (current?.spec ?? {}) as Record<string, unknown>,
    (desired.spec ?? {}) as Record<string, unknown>,
  );
  const metadata = {
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  if (!spec && Object.keys(metadata).length === 0) return 'unchanged';
  await context.writer.patch(ref, {
    ...(spec ? { spec } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  });
  return 'patched';
}
