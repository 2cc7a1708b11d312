import type {
  KubernetesObjectLike,
  KubernetesObjectReader,
  KubernetesObjectRef,
} from '@vane/plugin-canary-node';
import {
  collectionPath,
  KUBERNETES_RESOURCES,
  KubernetesResource,
  objectPath,
} from './KUBERNETES_RESOURCES';
import {
  KubernetesApiError,
  KubernetesHttpClient,
} from './KubernetesHttpClient';
import { ListWatch } from './ListWatch';
import { selectWatchedResources } from './selectWatchedResources';
import { withDataDigest } from './withDataDigest';

type Listener = (
  verb: 'add' | 'update' | 'delete',
  object: KubernetesObjectLike,
) => void;

/**
 * One cluster's informer caches (list once, then watch) for every kind the engine reads. All
 * engine and API reads come from here: no request to the API server per tick or per call.
 */
export class ClusterCache implements KubernetesObjectReader {
  private readonly informers = new Map<string, ListWatch>();
  private readonly listeners = new Set<Listener>();
  /** API groups the cluster serves, read once at start (mesh discovery, optional CRDs). */
  apiGroups: string[] = [];

  constructor(
    private readonly client: KubernetesHttpClient,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.informers.clear();
    const groups = await this.client.request<{
      groups: Array<{
        name: string;
        versions?: Array<{ groupVersion: string }>;
      }>;
    }>('GET', '/apis');
    this.apiGroups = groups.groups.map(group => group.name);
    const served = selectWatchedResources(groups.groups);
    await Promise.all(served.map(resource => this.startInformer(resource)));
  }

  private async startInformer(resource: KubernetesResource): Promise<void> {
    const informer = new ListWatch({
      client: this.client,
      path: collectionPath(resource),
      apiVersion: resource.apiVersion,
      kind: resource.kind,
      onEvent: (verb, object) => {
        for (const listener of this.listeners) {
          listener(verb, object);
        }
      },
      onError: this.onError,
      keep: resource.cachedAsDigest ? withDataDigest : resource.keep,
      fieldSelector: resource.fieldSelector,
      labelSelector: resource.labelSelector,
    });
    this.informers.set(key(resource.apiVersion, resource.kind), informer);
    await informer.start();
  }

  /**
   * Why the caches may be behind the API server, for the first kind that may be (its watch broke
   * and no fresh list has landed since); undefined while every informer follows the API server.
   * Nothing may act on, or show as current, what the cache holds meanwhile.
   */
  outOfSync(): string | undefined {
    for (const informer of this.informers.values()) {
      if (informer.outOfSync) {
        return informer.outOfSync;
      }
    }
    return undefined;
  }

  /** Whether the cluster serves this kind (its CRD is installed). */
  serves(apiVersion: string, kind: string): boolean {
    return this.informers.has(key(apiVersion, kind));
  }

  /** The version this cache watches a kind of an API group at, if the cluster serves one. */
  watchedVersion(group: string, kind: string): string | undefined {
    return KUBERNETES_RESOURCES.find(
      r =>
        r.kind === kind &&
        groupOf(r.apiVersion) === group &&
        this.informers.has(key(r.apiVersion, r.kind)),
    )?.apiVersion;
  }

  async get(
    ref: KubernetesObjectRef,
  ): Promise<KubernetesObjectLike | undefined> {
    return this.getNow(ref);
  }

  getNow(ref: KubernetesObjectRef): KubernetesObjectLike | undefined {
    return this.informers
      .get(key(ref.apiVersion, ref.kind))
      ?.get(ref.namespace, ref.name);
  }

  /**
   * Reads an object from the API server, not the cache: for the data of a ConfigMap or Secret,
   * which the cache holds only as a digest. Undefined when it does not exist.
   */
  async fetch(
    ref: KubernetesObjectRef,
  ): Promise<KubernetesObjectLike | undefined> {
    try {
      return await this.client.request<KubernetesObjectLike>(
        'GET',
        objectPath(ref),
      );
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): KubernetesObjectLike[] {
    return this.informers.get(key(apiVersion, kind))?.list(namespace) ?? [];
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    for (const informer of this.informers.values()) {
      informer.stop();
    }
  }
}

function key(apiVersion: string, kind: string) {
  return `${apiVersion}/${kind}`;
}

/** The API group of an apiVersion; '' for the core group (`v1`). */
function groupOf(apiVersion: string) {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}
