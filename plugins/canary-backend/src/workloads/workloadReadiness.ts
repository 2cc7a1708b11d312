import type { WorkloadPods } from './WorkloadPods';

/** Flagger's default ready threshold: every pod. */
export const DEFAULT_READY_THRESHOLD = 100;

/**
 * Whether a workload has rolled out, the way Flagger's deployment_ready.go and daemonset_ready.go
 * judge it, and why not otherwise: its spec observed, every pod of the current template scheduled
 * (and, for a Deployment, no old one left), then at least `readyThreshold` percent of them
 * available (`analysis.primaryReadyThreshold` / `canaryReadyThreshold`, default 100; the count
 * rounded down, as Flagger truncates it). A workload scaled to zero is not ready: there is nothing
 * to send traffic to, and neither is one that does not exist (no pods to count).
 */
export function workloadReadiness(
  pods: WorkloadPods | undefined,
  readyThreshold = DEFAULT_READY_THRESHOLD,
): { ready: boolean; reason?: string } {
  if (!pods) {
    return { ready: false, reason: 'not found' };
  }
  const noun = pods.kind === 'DaemonSet' ? 'pods' : 'replicas';
  if (!pods.specObserved) {
    return {
      ready: false,
      reason: `waiting for the ${pods.kind.toLowerCase()} spec update to be observed`,
    };
  }
  if (pods.scaledToZero) {
    return {
      ready: false,
      reason:
        pods.kind === 'DaemonSet'
          ? 'scaled to zero: its pods select no node'
          : 'scaled to zero replicas',
    };
  }
  if (pods.desired === 0) {
    return { ready: false, reason: 'no node runs its pods (0 desired)' };
  }
  if (pods.updated < pods.desired) {
    return {
      ready: false,
      reason: `waiting for rollout to finish: ${pods.updated} out of ${pods.desired} new ${noun} have been updated`,
    };
  }
  if (pods.old > 0) {
    return {
      ready: false,
      reason: `waiting for rollout to finish: ${pods.old} old ${noun} are pending termination`,
    };
  }
  const required = Math.floor((pods.thresholdOf * readyThreshold) / 100);
  if (pods.available < required) {
    return {
      ready: false,
      reason: `waiting for rollout to finish: ${pods.available} of ${required} (readyThreshold ${readyThreshold}%) updated ${noun} are available`,
    };
  }
  return { ready: true };
}
