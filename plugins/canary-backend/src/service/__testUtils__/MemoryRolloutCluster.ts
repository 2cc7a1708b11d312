import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { RecentCanaryEvents } from '../../events/RecentCanaryEvents';
import type { RolloutCluster } from '../RolloutCluster';

type Listener = (
  verb: 'add' | 'update' | 'delete',
  object: KubernetesObjectLike,
) => void;

/**
 * A cluster whose "informer cache" is a map the test fills: `apply` and `remove` notify
 * `onChange` listeners as an informer would.
 */
export class MemoryRolloutCluster implements RolloutCluster {
  readonly config: RolloutCluster['config'];
  readonly events = new RecentCanaryEvents();
  synced = true;
  error?: string;
  private readonly objects = new Map<string, KubernetesObjectLike>();
  private readonly listeners = new Set<Listener>();

  constructor(name: string, apiGroups = ['networking.istio.io']) {
    this.config = { name };
    this.cache.apiGroups = apiGroups;
  }

  /** Patches and Events written by operator actions, in order. */
  readonly writes: Array<{
    ref?: unknown;
    patch?: unknown;
    event?: unknown;
    created?: unknown;
  }> = [];

  readonly writer: RolloutCluster['writer'] = {
    patch: async (ref, patch) => {
      this.writes.push({ ref, patch });
      const object: any = this.cache.getNow(ref);
      const annotations = { ...(object?.metadata.annotations ?? {}) };
      for (const [name, value] of Object.entries(
        (patch as any).metadata?.annotations ?? {},
      )) {
        if (value === null) delete annotations[name];
        else annotations[name] = value as string;
      }
      if (object)
        this.apply({
          ...object,
          metadata: { ...object.metadata, annotations },
        });
    },
    createEvent: async event => {
      this.writes.push({ event });
    },
    create: async object => {
      this.writes.push({ created: object });
      const exists = this.cache.getNow({
        apiVersion: object.apiVersion,
        kind: object.kind,
        namespace: object.metadata.namespace!,
        name: object.metadata.name,
      });
      if (exists) return 'exists';
      this.apply(object);
      return 'created';
    },
  };

  readonly cache: RolloutCluster['cache'] = {
    apiGroups: [],
    list: (apiVersion, kind, namespace) =>
      [...this.objects.values()].filter(
        o =>
          o.apiVersion === apiVersion &&
          o.kind === kind &&
          (!namespace || o.metadata.namespace === namespace),
      ),
    getNow: ref =>
      this.objects.get(key(ref.apiVersion, ref.kind, ref.namespace, ref.name)),
    onChange: listener => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
  };

  apply(...objects: any[]): this {
    for (const object of objects) {
      const k = key(
        object.apiVersion,
        object.kind,
        object.metadata.namespace,
        object.metadata.name,
      );
      const verb = this.objects.has(k) ? 'update' : 'add';
      this.objects.set(k, object);
      this.listeners.forEach(listener => listener(verb, object));
    }
    return this;
  }

  remove(object: any) {
    this.objects.delete(
      key(
        object.apiVersion,
        object.kind,
        object.metadata.namespace,
        object.metadata.name,
      ),
    );
    this.listeners.forEach(listener => listener('delete', object));
  }

  unreachable(message: string): this {
    this.synced = false;
    this.error = message;
    return this;
  }
}

function key(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string,
) {
  return `${apiVersion}/${kind}/${namespace ?? ''}/${name}`;
}
