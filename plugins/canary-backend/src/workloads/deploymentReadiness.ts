/**
 * Whether a Deployment has finished rolling out, the way `kubectl rollout status` judges it, and
 * why not otherwise. A Deployment scaled to zero is not ready: there is nothing to send traffic to.
 */
export function deploymentReadiness(deployment: any): {
  ready: boolean;
  reason?: string;
} {
  const desired: number = deployment?.spec?.replicas ?? 1;
  const status = deployment?.status ?? {};
  const generation: number = deployment?.metadata?.generation ?? 0;
  if ((status.observedGeneration ?? 0) < generation) {
    return {
      ready: false,
      reason: 'waiting for the deployment spec update to be observed',
    };
  }
  if (desired === 0) {
    return { ready: false, reason: 'scaled to zero replicas' };
  }
  const updated: number = status.updatedReplicas ?? 0;
  const available: number = status.availableReplicas ?? 0;
  const total: number = status.replicas ?? 0;
  if (updated < desired) {
    return {
      ready: false,
      reason: `waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated`,
    };
  }
  if (total > updated) {
    return {
      ready: false,
      reason: `waiting for rollout to finish: ${
        total - updated
      } old replicas are pending termination`,
    };
  }
  if (available < updated) {
    return {
      ready: false,
      reason: `waiting for rollout to finish: ${available} of ${updated} updated replicas are available`,
    };
  }
  return { ready: true };
}
