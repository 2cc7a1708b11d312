import type { AutoscalerKind } from './AutoscalerKind';
import { horizontalPodAutoscalerKind } from './horizontalPodAutoscalerKind';
import { scaledObjectKind } from './scaledObjectKind';

const AUTOSCALER_KINDS: readonly AutoscalerKind[] = [
  horizontalPodAutoscalerKind,
  scaledObjectKind,
];

/**
 * The autoscaler kind of an `autoscalerRef.kind`; throws for one Vane does not copy (the
 * validator refuses those before the engine gets here).
 */
export function autoscalerKindOf(kind: string): AutoscalerKind {
  const found = AUTOSCALER_KINDS.find(autoscaler => autoscaler.kind === kind);
  if (!found) {
    throw new Error(
      `spec.autoscalerRef must reference a ${AUTOSCALER_KINDS.map(
        a => a.kind,
      ).join(' or ')} (got kind ${kind}); point it at one or remove it`,
    );
  }
  return found;
}
