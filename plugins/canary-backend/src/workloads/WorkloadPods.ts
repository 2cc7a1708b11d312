/**
 * A workload's pods as its controller counts them in its status: what readiness is judged on
 * (workloadReadiness), for any kind of workload. Plain data, so the decision can judge it.
 */
export interface WorkloadPods {
  kind: 'Deployment' | 'DaemonSet';
  /** Its controller has seen its latest spec (status.observedGeneration >= metadata.generation). */
  specObserved: boolean;
  /** Scaled to zero by the engine between rollouts (no replicas, or no node to run on). */
  scaledToZero: boolean;
  /** Pods wanted: a Deployment's spec.replicas, a DaemonSet's status.desiredNumberScheduled. */
  desired: number;
  /** Pods of the current template: updatedReplicas, updatedNumberScheduled. */
  updated: number;
  /** Pods of an older template still running (a Deployment's replicas - updatedReplicas). */
  old: number;
  /** Available pods: availableReplicas, numberAvailable. */
  available: number;
  /**
   * The count a ready threshold is a percentage of, as Flagger takes it: a Deployment's updated
   * replicas, a DaemonSet's desired pods.
   */
  thresholdOf: number;
}
