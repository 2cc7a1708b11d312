import { CANARY_API, type Canary } from '@vane/plugin-canary-common';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';

/** Whether the Canary is the object's controller, i.e. Vane created it rather than adopted it. */
export function isOwnedByCanary(
  object: KubernetesObjectLike,
  canary: Canary,
): boolean {
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
