import { KubeConfig, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
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
 */
export async function applyObjects(
  kc: KubeConfig,
  objects: KubernetesObject[],
): Promise<KubernetesObject[]> {
  const paths = kc.makeApiClient(ResourcePaths);
  const applied: KubernetesObject[] = [];
  for (const obj of objects) {
    const where = `${obj.kind} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name}`;
    try {
      applied.push(await requestKubernetes(kc, 'POST', await paths.pathOf(obj, 'create'), obj));
    } catch (e: any) {
      try {
        if (!(e instanceof KubernetesRequestError) || e.code !== 409) throw e;
        applied.push(
          await requestKubernetes(kc, 'PATCH', await paths.pathOf(obj, 'patch'), obj, 'application/merge-patch+json'),
        );
      } catch (err: any) {
        throw new Error(`Could not apply ${where}: ${err.body ?? err.message}`);
      }
    }
  }
  return applied;
}
