import { Entity } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  CanaryRef,
  parseCanaryAnnotation,
  parseRolloutAnnotation,
} from '@vane/plugin-canary-common';

/** How an entity is linked to its rollouts (see ARCHITECTURE.md, "Linking entities to rollouts"). */
export type LinkedCanaries =
  | { kind: 'explicit'; canaries: CanaryRef[] }
  | { kind: 'workloads'; selector: string; namespace?: string }
  | { kind: 'none' }
  | { kind: 'invalid'; message: string };

/** Reads the entity's annotations into the way it is linked to its rollouts. */
export function useLinkedCanaries(entity: Entity): LinkedCanaries {
  const annotations = entity.metadata.annotations ?? {};
  // Vane's Canaries (vane.dev/canary) and other controllers' rollouts (vane.dev/rollout) alike.
  const namedCanaries = annotations[CANARY_ANNOTATIONS.canary];
  const namedRollouts = annotations[CANARY_ANNOTATIONS.rollout];
  if (namedCanaries !== undefined || namedRollouts !== undefined) {
    try {
      return {
        kind: 'explicit',
        canaries: [
          ...(namedCanaries !== undefined
            ? parseCanaryAnnotation(namedCanaries)
            : []),
          ...(namedRollouts !== undefined
            ? parseRolloutAnnotation(namedRollouts)
            : []),
        ],
      };
    } catch (error) {
      return { kind: 'invalid', message: (error as Error).message };
    }
  }
  const id = annotations[CANARY_ANNOTATIONS.kubernetesId];
  const labelSelector = annotations[CANARY_ANNOTATIONS.kubernetesLabelSelector];
  if (id || labelSelector) {
    return {
      kind: 'workloads',
      selector: labelSelector ?? `backstage.io/kubernetes-id=${id}`,
      namespace: annotations[CANARY_ANNOTATIONS.kubernetesNamespace],
    };
  }
  return { kind: 'none' };
}
