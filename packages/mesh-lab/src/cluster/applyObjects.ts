import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import YAML from 'yaml';
import { KubernetesRequestError, requestKubernetes } from './requestKubernetes';

/** Parses a multi-document YAML manifest, dropping empty documents. */
export function parseManifests(text: string): KubernetesObject[] {
  return YAML.parseAllDocuments(text)
    .map(doc => doc.toJSON())
    .filter((obj): obj is KubernetesObject => Boolean(obj && obj.kind));
}

/** client-node's resource discovery (kind -> URL path), which it keeps protected. */
class ResourcePaths extends KubernetesObjectApi {
  pathOf(obj: KubernetesObject, action: 'create' | 'patch'): Promise<string> {
    return this.specUriPath(obj, action);
  }
}

/**
 * Creates each object, or merge-patches it when it exists, in order (Namespaces before what
 * lives in them). Not server-side apply: 1.20's SSA rejects Service ports without an explicit
 * protocol, which every hand-written manifest omits. Bodies go out as written (see
 * requestKubernetes for why not through the typed client).
 *
 * Two things a manifest cannot say by itself, for objects that stand in for a controller's (the
 * demo's Argo Rollouts and Flagger Canaries, which no controller runs in the lab): an
 * ownerReference without a `uid` gets the uid of its owner, applied before it in the same
 * namespace; and an object's `status` is written through the status subresource (where its kind
 * has one; the API server ignores it on create there), as its controller would write it.
 */
export async function applyObjects(
  kc: KubeConfig,
  objects: KubernetesObject[],
): Promise<KubernetesObject[]> {
  const paths = kc.makeApiClient(ResourcePaths);
  const applied: KubernetesObject[] = [];
  for (const written of objects) {
    const where = `${written.kind} ${
      written.metadata?.namespace ? `${written.metadata.namespace}/` : ''
    }${written.metadata?.name}`;
    let result: KubernetesObject;
    try {
      const obj = await withOwnerUids(kc, paths, written);
      try {
        result = await requestKubernetes(
          kc,
          'POST',
          await paths.pathOf(obj, 'create'),
          obj,
        );
      } catch (e: any) {
        if (!(e instanceof KubernetesRequestError) || e.code !== 409) throw e;
        result = await requestKubernetes(
          kc,
          'PATCH',
          await paths.pathOf(obj, 'patch'),
          obj,
          'application/merge-patch+json',
        );
      }
      const { status } = obj as KubernetesObject & { status?: unknown };
      if (status) {
        result = await writeStatus(
          kc,
          `${await paths.pathOf(obj, 'patch')}/status`,
          status,
          result,
        );
      }
    } catch (err: any) {
      throw new Error(`Could not apply ${where}: ${err.body ?? err.message}`);
    }
    applied.push(result);
  }
  return applied;
}

/** The object with the uid of each owner its ownerReferences name without one. */
async function withOwnerUids(
  kc: KubeConfig,
  paths: ResourcePaths,
  obj: KubernetesObject,
): Promise<KubernetesObject> {
  const owners = obj.metadata?.ownerReferences;
  if (!owners?.some(owner => !owner.uid)) {
    return obj;
  }
  const resolved = [];
  for (const owner of owners) {
    if (owner.uid) {
      resolved.push(owner);
      continue;
    }
    const found = await requestKubernetes(
      kc,
      'GET',
      await paths.pathOf(
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          metadata: { name: owner.name, namespace: obj.metadata?.namespace },
        },
        'patch',
      ),
    );
    resolved.push({ ...owner, uid: found.metadata!.uid! });
  }
  return { ...obj, metadata: { ...obj.metadata, ownerReferences: resolved } };
}

/** Writes a status through the status subresource; a kind without one kept it with the object. */
async function writeStatus(
  kc: KubeConfig,
  path: string,
  status: unknown,
  applied: KubernetesObject,
): Promise<KubernetesObject> {
  try {
    return await requestKubernetes(
      kc,
      'PATCH',
      path,
      { status },
      'application/merge-patch+json',
    );
  } catch (e: any) {
    if (e instanceof KubernetesRequestError && e.code === 404) {
      return applied;
    }
    throw e;
  }
}
