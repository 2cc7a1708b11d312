import type { AutoscalerKind } from './AutoscalerKind';
import {
  buildPrimaryScaledObject,
  KEDA_PAUSED_REPLICAS_ANNOTATION,
} from './buildPrimaryScaledObject';

const KEDA_VERSION = 'keda.sh/v1alpha1';

/**
 * A KEDA ScaledObject (keda.sh/v1alpha1), as Flagger handles one: copied as `<so>-primary` for
 * the primary; the target's own is paused at zero replicas (KEDA's
 * `autoscaling.keda.sh/paused-replicas: "0"`) whenever the engine scales the target to zero, so
 * KEDA does not scale it back up between rollouts, and resumed (the annotation removed) when a
 * rollout scales it up for analysis.
 */
export const scaledObjectKind: AutoscalerKind = {
  kind: 'ScaledObject',

  servedVersion: (_ref, cache) =>
    cache.serves(KEDA_VERSION, 'ScaledObject') ? KEDA_VERSION : undefined,

  unserved: `does not serve ${KEDA_VERSION} ScaledObjects (spec.autoscalerRef): install KEDA, or point autoscalerRef at a HorizontalPodAutoscaler`,

  buildPrimary: ({
    autoscaler,
    apiVersion,
    ref,
    targetName,
    primaryName,
    owner,
  }) =>
    buildPrimaryScaledObject({
      scaledObject: autoscaler,
      apiVersion,
      targetName,
      primaryName,
      ref,
      owner,
    }),

  scaling(scaledObject, to) {
    const paused =
      scaledObject.metadata?.annotations?.[KEDA_PAUSED_REPLICAS_ANNOTATION];
    if (to === 'zero') {
      return paused === '0'
        ? undefined
        : {
            metadata: {
              annotations: { [KEDA_PAUSED_REPLICAS_ANNOTATION]: '0' },
            },
          };
    }
    return paused === undefined
      ? undefined
      : {
          metadata: {
            annotations: { [KEDA_PAUSED_REPLICAS_ANNOTATION]: null },
          },
        };
  },
};
