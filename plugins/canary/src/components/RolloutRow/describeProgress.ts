import type { CanaryRollout, RolloutPhase } from '@vane/plugin-canary-common';
import { canaryStepIndex } from './canaryStepIndex';

const UNDER_WAY = new Set<RolloutPhase>([
  'Progressing',
  'Waiting',
  'WaitingPromotion',
  'Promoting',
]);

/**
 * How far a rollout under way has come, worded the same on the card, the Rollouts tab and the
 * overview: "step 2 of 4" for a canary release ("starting: 4 steps" before the first step takes
 * traffic; with Argo Rollouts' steps, a Vane Canary's or an Argo Rollout's, the step the status
 * says is under way, "all 4 steps done" past the last), "iteration 3 of 10" for A/B and
 * blue/green (then, blue/green, "all 10 iterations done, traffic on the canary"); an Argo
 * Rollout only while it is Progressing or Paused; undefined when no rollout is under way.
 */
export function describeProgress({
  spec,
  status,
  argoRollouts,
}: Pick<CanaryRollout, 'spec' | 'status' | 'argoRollouts'>):
  | string
  | undefined {
  if (argoRollouts) {
    const { steps, currentStepIndex } = argoRollouts;
    const deploying =
      status.phase === 'Progressing' || status.phase === 'Paused';
    if (!deploying || currentStepIndex === undefined || steps.length === 0) {
      return undefined;
    }
    return describeStepIndex(currentStepIndex, steps.length);
  }
  if (!status.phase || !UNDER_WAY.has(status.phase)) return undefined;
  if (spec.canarySteps?.length) {
    // Argo Rollouts' steps: the step under way, from the status.
    return describeStepIndex(status.currentStepIndex, spec.canarySteps.length);
  }
  if (spec.strategy === 'canary' && spec.steps.length > 0) {
    const step = canaryStepIndex(spec.steps, status.canaryWeight) + 1;
    return step === 0
      ? `starting: ${spec.steps.length} steps`
      : `step ${step} of ${spec.steps.length}`;
  }
  if (spec.iterations) {
    // Blue/green counts one past its iterations where all traffic moves to the canary before
    // the primary is updated, as Flagger does.
    return status.iterations > spec.iterations
      ? `all ${spec.iterations} iterations done, traffic on the canary`
      : `iteration ${status.iterations} of ${spec.iterations}`;
  }
  return undefined;
}

/** Argo Rollouts' step index (Vane's steps or Argo's) in words: the step under way, 1-based. */
function describeStepIndex(index: number | undefined, count: number): string {
  if (index === undefined) return `starting: ${count} steps`;
  return index >= count
    ? `all ${count} steps done`
    : `step ${index + 1} of ${count}`;
}
