import type { ValidCanarySpec } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import type { EngineCluster } from '../engine/EngineCluster';

/** `spec.autoscalerRef`, validated. */
export type AutoscalerRef = NonNullable<ValidCanarySpec['autoscalerRef']>;

/**
 * What the engine does with one kind of `spec.autoscalerRef`, as Flagger's scaler reconciler for
 * that kind does it: one implementation per kind (horizontalPodAutoscalerKind,
 * scaledObjectKind), chosen by autoscalerKindOf. The target's autoscaler keeps scaling the canary
 * workload; its `<name>-primary` copy scales the primary.
 */
export interface AutoscalerKind {
  readonly kind: 'HorizontalPodAutoscaler' | 'ScaledObject';
  /**
   * The version to read and write the autoscaler at in this cluster (one the cache watches);
   * undefined when the cluster serves none.
   */
  servedVersion(
    ref: AutoscalerRef,
    cache: EngineCluster['cache'],
  ): string | undefined;
  /** What a cluster that serves no version lacks, after "cluster <name> ". */
  readonly unserved: string;
  /** The `<name>-primary` copy of the target's autoscaler, scaling `primaryName`. */
  buildPrimary(options: {
    autoscaler: any;
    apiVersion: string;
    ref: AutoscalerRef;
    /** The target's name, which a ScaledObject's queries may name. */
    targetName: string;
    primaryName: string;
    owner: KubernetesOwnerReference;
  }): KubernetesObjectLike;
  /**
   * The merge patch of the target's own autoscaler for the target scaled to zero (`zero`) or up
   * for analysis (`up`), so it does not scale the target back between rollouts; undefined when
   * the autoscaler needs no change (an HPA does nothing for a workload at zero replicas).
   */
  scaling(
    autoscaler: any,
    to: 'zero' | 'up',
  ): Record<string, unknown> | undefined;
}
