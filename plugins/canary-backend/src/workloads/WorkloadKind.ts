import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import type { WorkloadPods } from './WorkloadPods';

/**
 * What the engine does with one kind of target workload, as Flagger's controller for that kind
 * does it: one implementation per kind (deploymentWorkload, daemonSetWorkload), chosen by
 * `targetRef.kind` (workloadKindOf). The primary `<name>-primary` is of the target's kind.
 */
export interface WorkloadKind {
  readonly apiVersion: 'apps/v1';
  readonly kind: 'Deployment' | 'DaemonSet';
  /** Its pods as its controller counts them, for readiness (workloadReadiness). */
  pods(workload: any): WorkloadPods;
  /**
   * The pod template that is released: the template without what the engine writes to scale the
   * workload, so that scaling is not a new revision and never reaches the primary.
   */
  releasedTemplate(workload: any): unknown;
  /** The `<name>-primary` built from the target at initialisation. */
  buildPrimary(options: {
    target: any;
    primaryName: string;
    revision: string;
    owner: KubernetesOwnerReference;
  }): KubernetesObjectLike;
  /** The merge patch of the primary that promotes the target's release to it. */
  promotion(target: any, revision: string): Record<string, unknown>;
  /**
   * The merge patch of the target that scales it to zero (between rollouts) or up for analysis
   * (a Deployment to the primary's replicas); undefined when it is there already.
   */
  scaling(
    target: any,
    to: 'zero' | 'up',
    primary: any,
  ): Record<string, unknown> | undefined;
}
