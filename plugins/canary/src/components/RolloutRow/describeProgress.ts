import type { CanaryPhase, CanaryRollout } from '@vane/plugin-canary-common';
import { canaryStepIndex } from './canaryStepIndex';

const UNDER_WAY = new Set<CanaryPhase>([
  'Progressing',
  'Waiting',
  'WaitingPromotion',
  'Promoting',
]);

/**
 * How far a rollout under way has come, worded the same on the card, the Rollouts tab and the
 * overview: "step 2 of 4" for a canary release ("starting: 4 steps" before the first step takes
 * traffic; with Argo Rollouts' steps, the step the status says is under way), "iteration 3 of 10"
 * for A/B and blue/green (then, blue/green, "all 10 iterations done, traffic on the canary");
 * undefined when no rollout is under way.
 */
export function describeProgress({
  spec,
  status,
}: Pick<CanaryRollout, 'spec' | 'status'>): string | undefined {
  if (!status.phase || !UNDER_WAY.has(status.phase)) return undefined;
  if (spec.canarySteps?.length) {
    // Argo Rollouts' steps: the step under way, from the status.
    const count = spec.canarySteps.length;
    const index = status.currentStepIndex;
    return index === undefined
      ? `starting: ${count} steps`
      : `step ${Math.min(index + 1, count)} of ${count}`;
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
