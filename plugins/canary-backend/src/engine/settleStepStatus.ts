import type { CanaryStatus } from '@vane/plugin-canary-common';

/**
 * Keeps the step fields of a status (`currentStepIndex`, `stepPause`) true to its phase, in
 * place, whichever rule of the decision moved it: a rollout that starts begins before its first
 * step; one held at confirm-promotion, promoting or promoted has done (or skipped) them all; one
 * that failed keeps the step it failed at, no longer paused. A Canary without `analysis.steps`
 * (`stepCount` undefined) has neither field.
 */
export function settleStepStatus(
  status: CanaryStatus,
  previous: CanaryStatus,
  stepCount: number | undefined,
): void {
  const started = status.startedAt !== previous.startedAt;
  if (stepCount === undefined || started) {
    delete status.currentStepIndex;
    delete status.stepPause;
    return;
  }
  switch (status.phase) {
    case 'Progressing':
      return;
    case 'WaitingPromotion':
    case 'Promoting':
    case 'Finalising':
    case 'Succeeded':
      status.currentStepIndex = stepCount;
      delete status.stepPause;
      return;
    case 'Failed':
      delete status.stepPause;
      return;
    default:
      delete status.currentStepIndex;
      delete status.stepPause;
  }
}
