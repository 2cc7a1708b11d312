import type {
  KubernetesObjectLike,
  KubernetesObjectRef,
} from '@vane/plugin-canary-node';

/** The reference that names an object built by a router (routers always set the namespace). */
export function kubernetesObjectRef(
  object: KubernetesObjectLike,
): KubernetesObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
}
