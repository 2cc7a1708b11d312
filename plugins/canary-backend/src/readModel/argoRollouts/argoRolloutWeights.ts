import {
  ArgoReplicaSet,
  ArgoRollout,
  ArgoCanaryStep,
  POD_TEMPLATE_HASH_LABEL,
} from './ArgoRollout';

/**
 * The canary step a Rollout is at and its index (argo-rollouts utils/replicaset/canary.go,
 * `GetCurrentCanaryStep`): none without canary steps; the index `status.currentStepIndex` (0 when
 * unset), and no step once the index is past the last one.
 */
export function currentCanaryStep(rollout: ArgoRollout): {
  step?: ArgoCanaryStep;
  index?: number;
} {
  const steps = rollout.spec?.strategy?.canary?.steps ?? [];
  if (!rollout.spec?.strategy?.canary || steps.length === 0) {
    return {};
  }
  const index = rollout.status?.currentStepIndex ?? 0;
  return index >= steps.length ? { index } : { step: steps[index], index };
}

/** utils/weightutil `MaxTrafficWeight`: 100 unless the traffic router says otherwise. */
export function maxTrafficWeight(rollout: ArgoRollout): number {
  return (
    rollout.spec?.strategy?.canary?.trafficRouting?.maxTrafficWeight ?? 100
  );
}

/**
 * The weight the steps ask for now (`GetCurrentSetWeight`): 0 once aborted, the maximum past the
 * last step (or without steps), else the last `setWeight` at or before the current step.
 */
export function argoSetWeight(rollout: ArgoRollout): number {
  if (rollout.status?.abort) {
    return 0;
  }
  const { step, index } = currentCanaryStep(rollout);
  if (!step || index === undefined) {
    return maxTrafficWeight(rollout);
  }
  const steps = rollout.spec!.strategy!.canary!.steps!;
  for (let i = index; i >= 0; i--) {
    if (steps[i].setWeight !== undefined) {
      return steps[i].setWeight!;
    }
  }
  return 0;
}

/**
 * The weight the canary gets, as `kubectl argo rollouts get rollout` prints it
 * (pkg/kubectl-argo-rollouts/info/rollout_info.go, `ActualWeight`): the maximum past the last
 * step; 0 while no pod is available; without a traffic router the canary ReplicaSet's share of
 * the available pods; with one, the weight it reported (`status.canary.weights`), else the set
 * weight.
 */
export function argoActualWeight(
  rollout: ArgoRollout,
  replicaSets: readonly ArgoReplicaSet[],
): number {
  const { step } = currentCanaryStep(rollout);
  if (!step) {
    return maxTrafficWeight(rollout);
  }
  const available = rollout.status?.availableReplicas ?? 0;
  if (available <= 0) {
    return 0;
  }
  if (!rollout.spec?.strategy?.canary?.trafficRouting) {
    const canary = canaryReplicaSet(rollout, replicaSets);
    if (!canary) return 0;
    return Math.trunc(
      ((canary.status?.availableReplicas ?? 0) * maxTrafficWeight(rollout)) /
        available,
    );
  }
  const routed = rollout.status?.canary?.weights?.canary?.weight;
  return routed ?? argoSetWeight(rollout);
}

/** The ReplicaSet of the stable version (`status.stableRS`). */
export function stableReplicaSet(
  rollout: ArgoRollout,
  replicaSets: readonly ArgoReplicaSet[],
): ArgoReplicaSet | undefined {
  const hash = rollout.status?.stableRS;
  return hash ? replicaSets.find(rs => hashOf(rs) === hash) : undefined;
}

/** The canary ReplicaSet: the desired version's (`status.currentPodHash`), unless it is the stable one. */
function canaryReplicaSet(
  rollout: ArgoRollout,
  replicaSets: readonly ArgoReplicaSet[],
): ArgoReplicaSet | undefined {
  const { currentPodHash, stableRS } = rollout.status ?? {};
  return currentPodHash && currentPodHash !== stableRS
    ? replicaSets.find(rs => hashOf(rs) === currentPodHash)
    : undefined;
}

function hashOf(replicaSet: ArgoReplicaSet): string | undefined {
  return replicaSet.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
}
