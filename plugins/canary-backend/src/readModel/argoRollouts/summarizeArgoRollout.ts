import type {
  CanaryCondition,
  CanaryRollout,
} from '@vane/plugin-canary-common';
import { workloadImages } from '../../workloads/workloadImages';
import type {
  ArgoAnalysisRun,
  ArgoReplicaSet,
  ArgoRollout,
} from './ArgoRollout';
import { argoRolloutPhase } from './argoRolloutPhase';
import {
  argoActualWeight,
  argoSetWeight,
  currentCanaryStep,
  stableReplicaSet,
} from './argoRolloutWeights';
import { describeArgoStep } from './describeArgoStep';
import { summarizeAnalysisRuns } from './summarizeAnalysisRuns';

/**
 * An Argo Rollout as the portal shows it, computed as Argo's own clients compute it (the kubectl
 * plugin's `get rollout`, the dashboard): phase and message, strategy, the steps with the current
 * one, set and actual weight, stable and canary images, pause conditions, AnalysisRuns.
 * `replicaSets` and `analysisRuns` are those the Rollout owns; `workload` the Deployment of
 * `spec.workloadRef`, whose pod template the Rollout then runs.
 */
export function summarizeArgoRollout(options: {
  cluster: string;
  entityRef: string;
  rollout: ArgoRollout;
  replicaSets: readonly ArgoReplicaSet[];
  analysisRuns: readonly ArgoAnalysisRun[];
  workload?: { spec?: ArgoRollout['spec'] };
}): CanaryRollout {
  const { rollout, replicaSets } = options;
  const spec = rollout.spec ?? {};
  const status = rollout.status ?? {};
  const { phase, message } = argoRolloutPhase(rollout);
  const canary = spec.strategy?.canary;
  const blueGreen = !canary && spec.strategy?.blueGreen !== undefined;
  const steps = (canary?.steps ?? []).map(describeArgoStep);
  const { index } = currentCanaryStep(rollout);
  // A blue-green Rollout has no weights: all traffic moves at the cutover.
  const cutOver =
    status.blueGreen?.activeSelector !== undefined &&
    status.blueGreen.activeSelector === status.currentPodHash;
  const blueGreenWeight = cutOver ? 100 : 0;
  const actualWeight = blueGreen
    ? blueGreenWeight
    : argoActualWeight(rollout, replicaSets);
  const setWeight = blueGreen ? actualWeight : argoSetWeight(rollout);
  const pauseConditions = (status.pauseConditions ?? []).map(pause => ({
    reason: pause.reason,
    ...(pause.startTime ? { startTime: pause.startTime } : {}),
  }));

  const desiredImages = workloadImages(options.workload ?? rollout);
  const fullyPromoted =
    status.stableRS !== undefined && status.stableRS === status.currentPodHash;
  const stable = stableReplicaSet(rollout, replicaSets);
  const workloadRef = spec.workloadRef;

  return {
    cluster: options.cluster,
    namespace: rollout.metadata.namespace ?? '',
    name: rollout.metadata.name,
    entityRef: options.entityRef,
    controller: 'argo-rollouts',
    spec: {
      valid: true,
      strategy: blueGreen ? 'bluegreen' : 'canary',
      ...(workloadRef?.kind && workloadRef.name
        ? {
            targetRef: {
              ...(workloadRef.apiVersion
                ? { apiVersion: workloadRef.apiVersion }
                : {}),
              kind: workloadRef.kind,
              name: workloadRef.name,
            },
          }
        : {}),
      steps: steps.flatMap(step =>
        step.setWeight === undefined ? [] : [step.setWeight],
      ),
      metrics: [],
      skipAnalysis: false,
      suspend: false,
    },
    status: {
      phase,
      canaryWeight: actualWeight,
      failedChecks: 0,
      iterations: 0,
      ...(message ? { reason: message } : {}),
      conditions: (status.conditions ?? []).map(
        (condition): CanaryCondition => ({
          type: condition.type,
          status: condition.status,
          ...(condition.reason ? { reason: condition.reason } : {}),
          ...(condition.message ? { message: condition.message } : {}),
          ...(condition.lastUpdateTime
            ? { lastUpdateTime: condition.lastUpdateTime }
            : {}),
          ...(condition.lastTransitionTime
            ? { lastTransitionTime: condition.lastTransitionTime }
            : {}),
        }),
      ),
      metrics: [],
      ...(phase === 'Paused' && pauseConditions[0]?.startTime
        ? { lastTransitionTime: pauseConditions[0].startTime }
        : {}),
    },
    images: {
      // Fully promoted, the stable version is the desired one.
      primary: fullyPromoted ? desiredImages : workloadImages(stable),
      canary: desiredImages,
    },
    events: [],
    argoRollouts: {
      strategy: blueGreen ? 'blueGreen' : 'canary',
      steps,
      ...(index !== undefined ? { currentStepIndex: index } : {}),
      setWeight,
      actualWeight,
      paused: spec.paused === true,
      pauseConditions,
      aborted: status.abort === true,
      ...(status.stableRS ? { stableRevision: status.stableRS } : {}),
      ...(status.currentPodHash
        ? { currentRevision: status.currentPodHash }
        : {}),
      replicas: {
        desired: spec.replicas ?? 1,
        current: status.replicas ?? 0,
        updated: status.updatedReplicas ?? 0,
        ready: status.readyReplicas ?? 0,
        available: status.availableReplicas ?? 0,
      },
      ...(status.restartedAt ? { restartedAt: status.restartedAt } : {}),
      analysisRuns: summarizeAnalysisRuns(options.analysisRuns),
    },
  };
}
