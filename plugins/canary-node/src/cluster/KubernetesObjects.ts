/**
 * The narrow view of a cluster that routers and other executors get: read from the informer
 * cache, write through the API server. Plain interfaces, so tests pass in-memory implementations
 * and the backend wires `@kubernetes/client-node` behind them.
 */

/**
 * Names one namespaced object of one kind.
 *
 * @public
 */
export interface KubernetesObjectRef {
  /** `group/version`, or `v1` for the core group. */
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * An owner reference as Kubernetes stores it in `metadata.ownerReferences`.
 *
 * @public
 */
export interface KubernetesOwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * Any Kubernetes object, structurally compatible with `KubernetesObject` of `@kubernetes/client-node`.
 *
 * @public
 */
export interface KubernetesObjectLike {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: KubernetesOwnerReference[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/**
 * Reads objects as the cluster's informer cache last saw them: no request to the API server.
 *
 * @public
 */
export interface KubernetesObjectReader {
  /** The cached object, or undefined when the cache holds none of that name. */
  get(ref: KubernetesObjectRef): Promise<KubernetesObjectLike | undefined>;
}

/**
 * Writes objects to one cluster's API server.
 *
 * @public
 */
export interface KubernetesObjectWriter {
  /**
   * Creates the object. Resolves `'exists'` instead of failing when an object of that name is
   * already there, because the cache may not have seen it yet; the caller then patches.
   */
  create(object: KubernetesObjectLike): Promise<'created' | 'exists'>;
  /**
   * Applies a JSON merge patch (RFC 7386, `application/merge-patch+json`): objects merge, arrays
   * are replaced, `null` removes a field. Implementations retry on conflict.
   */
  patch(
    ref: KubernetesObjectRef,
    patch: Record<string, unknown>,
  ): Promise<void>;
  /** Deletes the object; resolves also when it is already gone. */
  delete(ref: KubernetesObjectRef): Promise<void>;
}
