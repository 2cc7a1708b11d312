import { Entity } from '@backstage/catalog-model';
import { CANARY_ANNOTATIONS } from '@vane/plugin-canary-common';

/**
 * Whether an entity is linked to rollouts: it names its Canaries (`vane.dev/canary`), its Argo
 * Rollouts or Flagger Canaries (`vane.dev/rollout`), or its Kubernetes workloads
 * (`backstage.io/kubernetes-id` / `-label-selector`). For `EntitySwitch` in
 * the legacy frontend system and the filters of the new one.
 *
 * @public
 */
export function isCanaryAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return [
    CANARY_ANNOTATIONS.canary,
    CANARY_ANNOTATIONS.rollout,
    CANARY_ANNOTATIONS.kubernetesId,
    CANARY_ANNOTATIONS.kubernetesLabelSelector,
  ].some(annotation => Boolean(annotations[annotation]?.trim()));
}
