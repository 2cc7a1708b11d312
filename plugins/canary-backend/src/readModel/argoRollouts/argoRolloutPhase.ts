import type { ArgoRolloutPhase } from '@vane/plugin-canary-common';
import type { ArgoRollout } from './ArgoRollout';

/**
 * An Argo Rollout's phase and message as Argo's clients compute them (argo-rollouts
 * utils/rollout/rolloututil.go, `GetRolloutPhase`): Progressing while the controller has not
 * observed the spec (or the referenced workload) or an unpause, else the phase the controller
 * wrote (1.0 and later), else its own computation from spec and status (`CalculateRolloutPhase`,
 * for controllers of 0.10 and before).
 */
export function argoRolloutPhase(rollout: ArgoRollout): {
  phase: ArgoRolloutPhase;
  message: string;
} {
  const status = rollout.status ?? {};
  if (!isGenerationObserved(rollout)) {
    return {
      phase: 'Progressing',
      message: 'waiting for rollout spec update to be observed',
    };
  }
  if (status.controllerPause && (status.pauseConditions ?? []).length === 0) {
    return { phase: 'Progressing', message: 'waiting for rollout to unpause' };
  }
  // Argo also waits for the referenced workload's generation, but only where it resolved the
  // template from the reference itself (spec.templateResolvedFromRef, never serialised): a
  // client reading the Rollout from the API server, as the kubectl plugin does, skips this.
  if (status.phase) {
    return {
      phase: status.phase as ArgoRolloutPhase,
      message: status.message ?? '',
    };
  }
  return calculateRolloutPhase(rollout);
}

function isGenerationObserved(rollout: ArgoRollout): boolean {
  const observed = rollout.status?.observedGeneration;
  // Rollouts of 0.9 and before stored a hash here: nothing to compare.
  if (observed === undefined || !/^\d+$/.test(observed)) {
    return true;
  }
  return Number(observed) >= (rollout.metadata.generation ?? 0);
}

/** CalculateRolloutPhase in rolloututil.go. */
export function calculateRolloutPhase(rollout: ArgoRollout): {
  phase: ArgoRolloutPhase;
  message: string;
} {
  const spec = rollout.spec ?? {};
  const status = rollout.status ?? {};
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'InvalidSpec') {
      return {
        phase: 'Degraded',
        message: `InvalidSpec: ${condition.message ?? ''}`,
      };
    }
    if (
      condition.reason === 'RolloutAborted' ||
      condition.reason === 'ProgressDeadlineExceeded'
    ) {
      return {
        phase: 'Degraded',
        message: `${condition.reason}: ${condition.message ?? ''}`,
      };
    }
  }
  if (spec.paused) {
    return { phase: 'Paused', message: 'manually paused' };
  }
  const [pause] = status.pauseConditions ?? [];
  if (pause) {
    return { phase: 'Paused', message: pause.reason };
  }
  if (
    spec.restartAt &&
    (!status.restartedAt ||
      Date.parse(spec.restartAt) !== Date.parse(status.restartedAt))
  ) {
    return { phase: 'Progressing', message: 'rollout is restarting' };
  }
  const updated = status.updatedReplicas ?? 0;
  if (updated < (spec.replicas ?? 1)) {
    return {
      phase: 'Progressing',
      message: 'more replicas need to be updated',
    };
  }
  if ((status.availableReplicas ?? 0) < updated) {
    return {
      phase: 'Progressing',
      message: 'updated replicas are still becoming available',
    };
  }
  const fullyPromoted = status.stableRS === status.currentPodHash;
  if (spec.strategy?.blueGreen) {
    const active = status.blueGreen?.activeSelector;
    if (!active || active !== status.currentPodHash) {
      return {
        phase: 'Progressing',
        message: 'active service cutover pending',
      };
    }
    if (!status.stableRS || !fullyPromoted) {
      const analysing =
        spec.strategy.blueGreen.postPromotionAnalysis !== undefined &&
        !isAnalysisCompleted(
          status.blueGreen?.postPromotionAnalysisRunStatus?.status,
        );
      return {
        phase: 'Progressing',
        message: analysing
          ? 'waiting for analysis to complete'
          : 'waiting for post-promotion verification to complete',
      };
    }
  } else if (spec.strategy?.canary) {
    // Only for a basic canary: with traffic routing (and blue-green) the old ReplicaSet stays up
    // for scaleDownDelaySeconds.
    if (
      !spec.strategy.canary.trafficRouting &&
      (status.replicas ?? 0) > updated
    ) {
      return {
        phase: 'Progressing',
        message: 'old replicas are pending termination',
      };
    }
    if (!status.stableRS || !fullyPromoted) {
      return {
        phase: 'Progressing',
        message: 'waiting for all steps to complete',
      };
    }
  }
  return { phase: 'Healthy', message: '' };
}

function isAnalysisCompleted(phase: string | undefined): boolean {
  return (
    phase === 'Successful' ||
    phase === 'Failed' ||
    phase === 'Error' ||
    phase === 'Inconclusive'
  );
}
