import { ConflictError } from '@backstage/errors';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import type { ClusterWriter } from '../cluster/ClusterWriter';
import { createMergePatch } from '../routers/createMergePatch';

/**
 * Creates an object, or brings the one in the cluster (`current`, from the informer cache) to
 * the manifest's spec with one merge patch. Labels and annotations the manifest sets are
 * written; others (operator requests, other tools') are kept. Status is never touched.
 */
export async function applyObject(options: {
  object: KubernetesObjectLike & { spec?: unknown };
  current: (KubernetesObjectLike & { spec?: unknown }) | undefined;
  writer: Pick<ClusterWriter, 'create' | 'patch'>;
}): Promise<'created' | 'updated' | 'unchanged'> {
  const { object, current, writer } = options;
  const { kind, metadata } = object;
  if (!current) {
    if ((await writer.create(object)) === 'exists') {
      // The cache has not seen it yet: a patch now could undo a change made a moment ago.
      throw new ConflictError(
        `${kind} ${metadata.namespace}/${metadata.name} was just created by someone else; apply again in a few seconds`,
      );
    }
    return 'created';
  }
  const keep = (
    existing: Record<string, string> | undefined,
    wanted: Record<string, string> | undefined,
  ) => ({ ...(existing ?? {}), ...(wanted ?? {}) });
  const patch = createMergePatch(
    {
      metadata: {
        labels: current.metadata.labels ?? {},
        annotations: current.metadata.annotations ?? {},
      },
      spec: current.spec ?? {},
    },
    {
      metadata: {
        labels: keep(current.metadata.labels, metadata.labels),
        annotations: keep(current.metadata.annotations, metadata.annotations),
      },
      spec: object.spec ?? {},
    },
  );
  if (!patch) {
    return 'unchanged';
  }
  await writer.patch(
    {
      apiVersion: object.apiVersion,
      kind,
      namespace: metadata.namespace!,
      name: metadata.name,
    },
    patch,
  );
  return 'updated';
}
