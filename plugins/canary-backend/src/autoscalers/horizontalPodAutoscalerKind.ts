import type { AutoscalerKind } from './AutoscalerKind';
import { buildPrimaryHorizontalPodAutoscaler } from './buildPrimaryHorizontalPodAutoscaler';

/**
 * A HorizontalPodAutoscaler, read at the newest version the cluster serves: `autoscaling/v2`
 * from Kubernetes 1.23, `autoscaling/v2beta2` before (both have the same fields), so a Canary
 * written for one works on a cluster serving the other.
 */
export const horizontalPodAutoscalerKind: AutoscalerKind = {
  kind: 'HorizontalPodAutoscaler',

  servedVersion: (ref, cache) =>
    ref.apiVersion && cache.serves(ref.apiVersion, ref.kind)
      ? ref.apiVersion
      : cache.watchedVersion('autoscaling', ref.kind),

  unserved:
    'serves neither autoscaling/v2 nor autoscaling/v2beta2 HorizontalPodAutoscalers (spec.autoscalerRef)',

  buildPrimary: ({ autoscaler, apiVersion, ref, primaryName, owner }) =>
    buildPrimaryHorizontalPodAutoscaler({
      autoscaler,
      apiVersion,
      primaryName,
      replicas: ref.primaryScalerReplicas,
      owner,
    }),

  // An HPA does not scale a workload at zero replicas: nothing to pause, as in Flagger.
  scaling: () => undefined,
};
