import type { CanaryStep } from '@vane/plugin-canary-common';
import type { TimelineStep } from './planTimeline';

/** A step of Argo's that Vane's steps do not have (analysis, experiment...), as Argo prints it. */
export interface OtherArgoStep {
  description: string;
}

/**
 * One step in Argo Rollouts' vocabulary as the step timeline shows it, the same whether it is a
 * Vane Canary's (`analysis.steps`) or an Argo Rollout's: the weight a `setWeight` sets; a pause
 * for how long (or until resumed), and, while it holds the rollout (`holding`), until when or that
 * it waits for an owner; a header or mirror route set or removed; any other kind of Argo's step as
 * Argo prints it.
 */
export function describeTimelineStep(
  index: number,
  step: CanaryStep | OtherArgoStep,
  holding?: { endTime?: string },
): Omit<TimelineStep, 'state'> {
  const label = `Step ${index + 1}`;
  if ('description' in step) {
    return { label, detail: step.description };
  }
  if (step.setWeight !== undefined) {
    return { label, setWeight: step.setWeight };
  }
  if (step.pause) {
    let detail =
      step.pause.duration === undefined
        ? 'pause until resumed'
        : `pause ${step.pause.duration}`;
    if (holding?.endTime) {
      detail += `, until ${new Date(holding.endTime).toLocaleTimeString()}`;
    } else if (holding) {
      detail += ': waits for an owner';
    }
    return { label, detail };
  }
  const route = step.setHeaderRoute ?? step.setMirrorRoute;
  const kind = step.setHeaderRoute ? 'header route' : 'mirror route';
  return {
    label,
    detail: route?.match?.length
      ? `${kind} ${route.name}`
      : `remove ${kind} ${route?.name}`,
  };
}
