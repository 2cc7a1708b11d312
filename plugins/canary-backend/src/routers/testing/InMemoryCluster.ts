import type {
  KubernetesObjectLike,
  KubernetesObjectReader,
  KubernetesObjectRef,
  KubernetesObjectWriter,
} from '@vane/plugin-canary-node';

/** One request a router made, as the API server would have seen it. */
export type RecordedWrite =
  | { verb: 'create'; ref: KubernetesObjectRef; object: KubernetesObjectLike }
  | { verb: 'patch'; ref: KubernetesObjectRef; patch: Record<string, unknown> }
  | { verb: 'delete'; ref: KubernetesObjectRef };

function key(ref: KubernetesObjectRef): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace}|${ref.name}`;
}

function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return patch;
  }
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = applyMergePatch(result[k], v);
  }
  return result;
}

/**
 * A cluster for router tests: the reader sees what the writer wrote (an informer cache that is
 * never stale), every write is recorded, and patches follow RFC 7386 as the API server does.
 */
export class InMemoryCluster {
  readonly writes: RecordedWrite[] = [];
  private readonly objects = new Map<string, KubernetesObjectLike>();

  readonly reader: KubernetesObjectReader = {
    get: async ref => {
      const object = this.objects.get(key(ref));
      return object ? structuredClone(object) : undefined;
    },
  };

  readonly writer: KubernetesObjectWriter = {
    create: async object => {
      const ref = this.refOf(object);
      this.writes.push({
        verb: 'create',
        ref,
        object: structuredClone(object),
      });
      if (this.objects.has(key(ref))) return 'exists';
      this.objects.set(key(ref), structuredClone(object));
      return 'created';
    },
    patch: async (ref, patch) => {
      this.writes.push({ verb: 'patch', ref, patch: structuredClone(patch) });
      const current = this.objects.get(key(ref));
      if (!current) {
        throw new Error(`${ref.kind} ${ref.namespace}/${ref.name} not found`);
      }
      this.objects.set(
        key(ref),
        applyMergePatch(current, patch) as KubernetesObjectLike,
      );
    },
    delete: async ref => {
      this.writes.push({ verb: 'delete', ref });
      this.objects.delete(key(ref));
    },
  };

  /** Puts an object in the cluster without recording a write, as if it existed before. */
  seed(object: KubernetesObjectLike): void {
    this.objects.set(key(this.refOf(object)), structuredClone(object));
  }

  /** The object as stored, or undefined. */
  find(ref: KubernetesObjectRef): KubernetesObjectLike | undefined {
    const object = this.objects.get(key(ref));
    return object ? structuredClone(object) : undefined;
  }

  /** Forgets the recorded writes, to assert only what the next call does. */
  clearWrites(): void {
    this.writes.length = 0;
  }

  private refOf(object: KubernetesObjectLike): KubernetesObjectRef {
    return {
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
    };
  }
}
