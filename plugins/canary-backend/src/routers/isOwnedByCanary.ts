import { CANARY_API, type Canary } from '@vane/plugin-canary-common';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import {
  CANARY_OWNER_ANNOTATION,
  CANARY_OWNER_UID_ANNOTATION,
} from './canaryOwnerAnnotations';

/**
 * Whether the Canary is the object's controller, i.e. Vane created it rather than adopted it: by
 * its controller reference, or for a cluster-scoped object by canaryOwnerAnnotations.
 */
export function isOwnedByCanary(
  object: KubernetesObjectLike,
  canary: Canary,
): boolean {
  const annotations = object.metadata.annotations ?? {};
  if (
    annotations[CANARY_OWNER_ANNOTATION] ===
      `${canary.metadata.namespace}/${canary.metadata.name}` &&
    (!canary.metadata.uid ||
      annotations[CANARY_OWNER_UID_ANNOTATION] === canary.metadata.uid)
  ) {
    return true;
  }
  return (object.metadata.ownerReferences ?? []).some(
    ref =>
      ref.controller === true &&
      ref.kind === CANARY_API.kind &&
      ref.apiVersion.startsWith(`${CANARY_API.group}/`) &&
      (canary.metadata.uid
        ? ref.uid === canary.metadata.uid
        : ref.name === canary.metadata.name),
  );
}
