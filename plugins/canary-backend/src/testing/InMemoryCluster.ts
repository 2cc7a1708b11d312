import { createBuiltinMeshRegistry } from '../meshes/createBuiltinMeshRegistry';
import type {
  KubernetesObjectLike,
  KubernetesObjectRef,
} from '@vane/plugin-canary-node';
import type { ClusterCache } from '../cluster/ClusterCache';
import type { ClusterWriter } from '../cluster/ClusterWriter';
import { selectWatchedResources } from '../cluster/selectWatchedResources';
import { KUBERNETES_RESOURCES } from '../cluster/KUBERNETES_RESOURCES';
import { RecentCanaryEvents } from '../events/RecentCanaryEvents';
import { kubernetesObjectRef } from '../routers/kubernetesObjectRef';
import type { RolloutCluster } from '../readModel/RolloutCluster';

/** One request made to the cluster, as the API server would have seen it. */
export type RecordedWrite =
  | { verb: 'create'; ref: KubernetesObjectRef; object: KubernetesObjectLike }
  | { verb: 'patch'; ref: KubernetesObjectRef; patch: Record<string, unknown> }
  | {
      verb: 'patchStatus';
      ref: KubernetesObjectRef;
      status: Record<string, unknown>;
    }
  | { verb: 'delete'; ref: KubernetesObjectRef }
  | {
      verb: 'createEvent';
      ref: KubernetesObjectRef;
      event: KubernetesObjectLike;
    };

type Listener = (
  verb: 'add' | 'update' | 'delete',
  object: KubernetesObjectLike,
) => void;

/** The cache a cluster's readers get: the informer cache's reads, as ClusterCache offers them. */
export type InMemoryCache = Pick<
  ClusterCache,
  | 'apiGroups'
  | 'get'
  | 'getNow'
  | 'fetch'
  | 'list'
  | 'onChange'
  | 'serves'
  | 'watchedVersion'
>;

/** The writes a cluster takes, as ClusterWriter offers them. */
export type InMemoryWriter = Pick<
  ClusterWriter,
  'create' | 'patch' | 'patchStatus' | 'delete' | 'createEvent'
>;

/**
 * One cluster in memory, for unit tests of routers, the engine's reconciler and the portal's
 * routes: an API server that records every write, applies merge patches (RFC 7386) and moves
 * `resourceVersion` on every write as the real one does, behind an informer cache that sees each
 * write at once unless the test holds it (`holdCache`) to play a watch that lags behind.
 * `apply` puts objects in as someone else would, without recording a write.
 */
export class InMemoryCluster implements RolloutCluster {
  readonly config: RolloutCluster['config'];
  readonly events = new RecentCanaryEvents();
  prometheus?: RolloutCluster['prometheus'];
  synced = true;
  error?: string;
  readonly meshes = createBuiltinMeshRegistry();
  /** Every write, in order; `apply` is not one. */
  readonly writes: RecordedWrite[] = [];
  private readonly stored = new Map<string, KubernetesObjectLike>();
  /** What the cache shows while it is held; undefined when it follows the API server. */
  private held?: Map<string, KubernetesObjectLike>;
  private readonly listeners = new Set<Listener>();
  private version = 0;

  constructor(name = 'lab', apiGroups: string[] = ['networking.istio.io']) {
    this.config = { name };
    this.cache.apiGroups = apiGroups;
  }

  readonly cache: InMemoryCache = {
    apiGroups: [],
    get: async ref => this.cached(ref),
    getNow: ref => this.cached(ref),
    // Reads the API server, not the cache, as ClusterCache.fetch does.
    fetch: async ref => this.find(ref),
    list: (apiVersion, kind, namespace) =>
      [...(this.held ?? this.stored).values()]
        .filter(
          o =>
            o.apiVersion === apiVersion &&
            o.kind === kind &&
            (!namespace || o.metadata.namespace === namespace),
        )
        .map(o => structuredClone(o)),
    onChange: listener => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
    serves: (apiVersion, kind) =>
      this.watched().some(r => r.apiVersion === apiVersion && r.kind === kind),
    watchedVersion: (group, kind) =>
      this.watched().find(
        r => r.kind === kind && r.apiVersion.startsWith(`${group}/`),
      )?.apiVersion,
  };

  /** The narrow reader routers take (KubernetesObjectReader). */
  get reader(): Pick<InMemoryCache, 'get'> {
    return this.cache;
  }

  readonly writer: InMemoryWriter = {
    create: async object => {
      const ref = kubernetesObjectRef(object);
      this.writes.push({
        verb: 'create',
        ref,
        object: structuredClone(object),
      });
      if (this.stored.has(key(ref))) {
        return 'exists';
      }
      this.store(object);
      return 'created';
    },
    patch: async (ref, patch) => {
      this.writes.push({ verb: 'patch', ref, patch: structuredClone(patch) });
      this.store(applyMergePatch(this.existing(ref), patch));
    },
    patchStatus: async (ref, status) => {
      this.writes.push({
        verb: 'patchStatus',
        ref,
        status: structuredClone(status),
      });
      this.store(applyMergePatch(this.existing(ref), { status }));
    },
    delete: async ref => {
      this.writes.push({ verb: 'delete', ref });
      const object = this.stored.get(key(ref));
      if (object) {
        this.stored.delete(key(ref));
        this.tell('delete', object);
      }
    },
    createEvent: async event => {
      this.writes.push({
        verb: 'createEvent',
        ref: kubernetesObjectRef(event),
        event: structuredClone(event),
      });
      this.events.record(event);
    },
  };

  /** Puts objects in the cluster without recording a write, as if someone else applied them. */
  apply(...objects: any[]): this {
    for (const object of objects) {
      this.store(object, false);
    }
    return this;
  }

  /** Takes an object out without recording a write. */
  remove(object: any): void {
    const ref = kubernetesObjectRef(object);
    this.stored.delete(key(ref));
    this.held?.delete(key(ref));
    this.tell('delete', object);
  }

  /** The object as the API server holds it, or undefined. */
  find(ref: KubernetesObjectRef): KubernetesObjectLike | undefined {
    const object = this.stored.get(key(ref));
    return object ? structuredClone(object) : undefined;
  }

  /** The writes of one verb, in order. */
  writesOf<Verb extends RecordedWrite['verb']>(
    verb: Verb,
  ): Extract<RecordedWrite, { verb: Verb }>[] {
    return this.writes.filter(
      (w): w is Extract<RecordedWrite, { verb: Verb }> => w.verb === verb,
    );
  }

  /** Forgets the recorded writes, to assert only what the next call does. */
  clearWrites(): void {
    this.writes.length = 0;
  }

  /** From now on the cache shows the cluster as it is now, whatever is written, until released. */
  holdCache(): void {
    this.held = new Map(this.stored);
  }

  /** The cache catches up with the API server. */
  releaseCache(): void {
    this.held = undefined;
  }

  /** The cluster cannot be reached: the portal reports it and answers from the others. */
  unreachable(message: string): this {
    this.synced = false;
    this.error = message;
    return this;
  }

  private cached(ref: KubernetesObjectRef): KubernetesObjectLike | undefined {
    const object = (this.held ?? this.stored).get(key(ref));
    return object ? structuredClone(object) : undefined;
  }

  private existing(ref: KubernetesObjectRef): KubernetesObjectLike {
    const current = this.stored.get(key(ref));
    if (!current) {
      throw new Error(`${ref.kind} ${ref.namespace}/${ref.name} not found`);
    }
    return current;
  }

  /** Stores an object as the API server would; a write moves its resourceVersion. */
  private store(object: KubernetesObjectLike, written = true): void {
    const k = key(kubernetesObjectRef(object));
    const verb = this.stored.has(k) ? 'update' : 'add';
    const copy = structuredClone(object);
    if (written) {
      this.version += 1;
      copy.metadata.resourceVersion = String(this.version);
    } else {
      // Versions only grow: a write after this one must not reuse the version it came with.
      this.version = Math.max(
        this.version,
        Number(copy.metadata.resourceVersion) || 0,
      );
    }
    this.stored.set(k, copy);
    if (!this.held) {
      this.tell(verb, copy);
    }
  }

  private tell(
    verb: 'add' | 'update' | 'delete',
    object: KubernetesObjectLike,
  ) {
    this.listeners.forEach(listener => listener(verb, structuredClone(object)));
  }

  /** The kinds a cache would watch in a cluster serving these API groups. */
  private watched() {
    const groups = new Set(['apps', ...this.cache.apiGroups]);
    return selectWatchedResources(
      [...groups].map(name => ({
        name,
        versions: KUBERNETES_RESOURCES.filter(r =>
          r.apiVersion.startsWith(`${name}/`),
        ).map(r => ({ groupVersion: r.apiVersion })),
      })),
    );
  }
}

function key(ref: KubernetesObjectRef): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace}|${ref.name}`;
}

function applyMergePatch<T>(target: T, patch: unknown): T {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return patch as T;
  }
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = applyMergePatch(result[k], v);
  }
  return result as T;
}
