import { CANARY_API, type Canary } from '@vane/plugin-canary-common';
import type { KubernetesOwnerReference } from '@vane/plugin-canary-node';

/**
 * The controller reference that makes a routing object belong to its Canary, so Kubernetes
 * garbage-collects it with the Canary and the engine can tell its own objects from adopted ones.
 */
export function canaryOwnerReference(canary: Canary): KubernetesOwnerReference {
  const uid = canary.metadata.uid;
  if (!uid) {
    throw new Error(
      `Canary ${canary.metadata.namespace}/${canary.metadata.name} has no metadata.uid; routers need the Canary as stored in the cluster to own their objects`,
    );
  }
  return {
    apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
    kind: CANARY_API.kind,
    name: canary.metadata.name,
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
