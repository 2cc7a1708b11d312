import {
  KubeConfig,
  KubernetesObject,
  makeInformer,
  Informer,
  ObjectCache,
} from '@kubernetes/client-node';
import type {
  KubernetesObjectLike,
  KubernetesObjectReader,
  KubernetesObjectRef,
} from '@vane/plugin-canary-node';
import {
  collectionPath,
  KUBERNETES_RESOURCES,
  KubernetesResource,
} from './KUBERNETES_RESOURCES';
import { KubernetesHttpClient } from './KubernetesHttpClient';

type Listener = (
  verb: 'add' | 'update' | 'delete',
  object: KubernetesObjectLike,
) => void;

interface RunningInformer {
  resource: KubernetesResource;
  informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  restartTimer?: NodeJS.Timeout;
}

/**
 * One cluster's informer caches (list once, then watch) for every kind the engine reads. All
 * engine and API reads come from here: no request to the API server per tick or per call.
 */
export class ClusterCache implements KubernetesObjectReader {
  private readonly informers = new Map<string, RunningInformer>();
  private readonly listeners = new Set<Listener>();
  private stopped = false;
  /** API groups the cluster serves, read once at start (mesh discovery, optional CRDs). */
  apiGroups: string[] = [];

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly client: KubernetesHttpClient,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.informers.clear();
    const groups = await this.client.request<{
      groups: Array<{ name: string }>;
    }>('GET', '/apis');
    this.apiGroups = groups.groups.map(group => group.name);
    const served = KUBERNETES_RESOURCES.filter(
      r =>
        r.cached &&
        (!r.apiVersion.includes('/') ||
          this.apiGroups.includes(r.apiVersion.split('/')[0])),
    );
    await Promise.all(served.map(resource => this.startInformer(resource)));
  }

  private async startInformer(resource: KubernetesResource): Promise<void> {
    const path = collectionPath(resource);
    const informer = makeInformer<KubernetesObject>(
      this.kubeConfig,
      path,
      async () => {
        const list = await this.client.request<any>('GET', path);
        // Lists carry no apiVersion/kind per item; the cache and the engine want them.
        list.items = (list.items ?? []).map((item: any) => ({
          apiVersion: resource.apiVersion,
          kind: resource.kind,
          ...item,
        }));
        return list;
      },
    );
    const running: RunningInformer = { resource, informer };
    this.informers.set(key(resource.apiVersion, resource.kind), running);
    for (const verb of ['add', 'update', 'delete'] as const) {
      informer.on(verb, object => {
        for (const listener of this.listeners) {
          listener(verb, object as KubernetesObjectLike);
        }
      });
    }
    informer.on('error', (error: unknown) => {
      if (this.stopped) {
        return;
      }
      this.onError(
        `watch of ${resource.kind} failed (${String(error)}); restarting in 1s`,
      );
      // client-node's informer does not restart itself after a watch error.
      running.restartTimer = setTimeout(() => {
        if (!this.stopped) {
          informer.start().catch(() => undefined);
        }
      }, 1000);
    });
    await informer.start();
  }

  /** Whether the cluster serves this kind (its CRD is installed). */
  serves(apiVersion: string, kind: string): boolean {
    return this.informers.has(key(apiVersion, kind));
  }

  async get(
    ref: KubernetesObjectRef,
  ): Promise<KubernetesObjectLike | undefined> {
    return this.getNow(ref);
  }

  getNow(ref: KubernetesObjectRef): KubernetesObjectLike | undefined {
    const running = this.informers.get(key(ref.apiVersion, ref.kind));
    const object = running?.informer.get(ref.name, ref.namespace);
    return object as KubernetesObjectLike | undefined;
  }

  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): KubernetesObjectLike[] {
    const running = this.informers.get(key(apiVersion, kind));
    if (!running) {
      return [];
    }
    return running.informer.list(namespace) as KubernetesObjectLike[];
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.informers.values()].map(async running => {
        clearTimeout(running.restartTimer);
        await running.informer.stop();
      }),
    );
  }
}

function key(apiVersion: string, kind: string) {
  return `${apiVersion}/${kind}`;
}
