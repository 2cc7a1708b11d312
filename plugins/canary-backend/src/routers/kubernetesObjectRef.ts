import type { KubernetesObjectRef } from '@vane/plugin-canary-node';

/** The reference that names an object (routers and the engine always set the namespace). */
export function kubernetesObjectRef(object: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): KubernetesObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
}
