import type { Canary } from '@vane/plugin-canary-common';

/** The Canary (`namespace/name`) a cluster-scoped routing object belongs to. */
export const CANARY_OWNER_ANNOTATION = 'delivery.vane.dev/canary';

/** That Canary's uid, so a new Canary of the same name does not take the object over unseen. */
export const CANARY_OWNER_UID_ANNOTATION = 'delivery.vane.dev/canary-uid';

/**
 * The annotations that make a cluster-scoped routing object (Kuma's TrafficRoute) belong to its
 * Canary, where an ownerReference cannot: Kubernetes lets no namespaced object own a
 * cluster-scoped one, so such objects are not garbage-collected with the Canary, and the router
 * deletes them when it finalizes (isOwnedByCanary reads these).
 */
export function canaryOwnerAnnotations(canary: Canary): Record<string, string> {
  const uid = canary.metadata.uid;
  if (!uid) {
    throw new Error(
      `Canary ${canary.metadata.namespace}/${canary.metadata.name} has no metadata.uid; routers need the Canary as stored in the cluster to own their objects`,
    );
  }
  return {
    [CANARY_OWNER_ANNOTATION]: `${canary.metadata.namespace}/${canary.metadata.name}`,
    [CANARY_OWNER_UID_ANNOTATION]: uid,
  };
}
