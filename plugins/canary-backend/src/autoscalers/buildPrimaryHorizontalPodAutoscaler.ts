import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import type { AutoscalerRef } from './AutoscalerKind';

/**
 * The `<hpa>-primary` HorizontalPodAutoscaler for the HPA named by `spec.autoscalerRef`: the
 * same spec, scaling `<target>-primary` instead of the target, with `primaryScalerReplicas` for
 * its minimum and maximum when set (as Flagger), owned by the Canary. The target's own HPA keeps
 * scaling the canary workload during analysis (the engine scales it to zero in between, which
 * switches that HPA off), as in Flagger.
 */
export function buildPrimaryHorizontalPodAutoscaler(options: {
  /** The target's HPA, as read (any autoscaling version with `spec.scaleTargetRef`). */
  autoscaler: any;
  /** The version to write the copy at: the one the source was read at. */
  apiVersion: string;
  /** `<target>-primary`, the Deployment the copy scales. */
  primaryName: string;
  /** `autoscalerRef.primaryScalerReplicas`: the primary's own bounds. */
  replicas?: AutoscalerRef['primaryScalerReplicas'];
  owner: KubernetesOwnerReference;
}): KubernetesObjectLike {
  const { autoscaler, apiVersion, primaryName, replicas, owner } = options;
  const spec = JSON.parse(JSON.stringify(autoscaler.spec ?? {}));
  spec.scaleTargetRef = { ...(spec.scaleTargetRef ?? {}), name: primaryName };
  if (replicas?.minReplicas !== undefined) {
    spec.minReplicas = replicas.minReplicas;
  }
  if (replicas?.maxReplicas !== undefined) {
    spec.maxReplicas = replicas.maxReplicas;
  }
  return {
    apiVersion,
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: `${autoscaler.metadata.name}-primary`,
      namespace: autoscaler.metadata.namespace,
      ...(autoscaler.metadata.labels
        ? { labels: { ...autoscaler.metadata.labels } }
        : {}),
      ownerReferences: [owner],
    },
    spec,
  };
}
