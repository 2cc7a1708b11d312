import {
  ArgoRolloutStep,
  CanaryRollout,
  CanaryStep,
  pauseDurationMs,
} from '@vane/plugin-canary-common';
import { describeTimelineStep, OtherArgoStep } from './describeTimelineStep';
import type { TimelineStep } from './planTimeline';

/**
 * An Argo Rollout's canary steps as its dashboard lists them, no promotion after them, each
 * described as a Vane Canary's steps are (describeTimelineStep): those before
 * `status.currentStepIndex` done, that one current while the rollout deploys (Progressing or
 * Paused); past the last step, all done. A pause step holding the rollout (Argo's
 * `CanaryPauseStep` pause condition) says until when, or that it waits for an owner to promote.
 */
export function planArgoTimeline(rollout: CanaryRollout): TimelineStep[] {
  const { steps, currentStepIndex = 0, pauseConditions } =
    rollout.argoRollouts!;
  const deploying =
    rollout.status.phase === 'Progressing' || rollout.status.phase === 'Paused';
  const pauseStep = pauseConditions.find(c => c.reason === 'CanaryPauseStep');
  return steps.map((step, index) => {
    let state: TimelineStep['state'] = 'pending';
    if (index < currentStepIndex) state = 'done';
    else if (index === currentStepIndex && deploying) state = 'current';
    const holding =
      state === 'current' && step.kind === 'pause' && pauseStep
        ? { endTime: pauseEnd(step, pauseStep.startTime) }
        : undefined;
    return { ...describeTimelineStep(index, asStep(step), holding), state };
  });
}

/** The step in Vane's vocabulary where it has one, else as Argo prints it. */
function asStep(step: ArgoRolloutStep): CanaryStep | OtherArgoStep {
  if (step.kind === 'setWeight' && step.setWeight !== undefined) {
    return { setWeight: step.setWeight };
  }
  if (step.kind === 'pause') {
    return {
      pause:
        step.pauseDuration === undefined ? {} : { duration: step.pauseDuration },
    };
  }
  return { description: step.description };
}

/** When a timed pause that began at `startTime` ends, as Argo's controller reckons it. */
function pauseEnd(
  step: ArgoRolloutStep,
  startTime: string | undefined,
): string | undefined {
  if (step.pauseDuration === undefined || !startTime) return undefined;
  try {
    return new Date(
      Date.parse(startTime) + pauseDurationMs(step.pauseDuration),
    ).toISOString();
  } catch {
    // A duration Argo would not accept either: the pause is shown without its end.
    return undefined;
  }
}
