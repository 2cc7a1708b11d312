import type { CanaryRollout } from '@vane/plugin-canary-common';
import { canaryStepIndex } from '../RolloutRow/canaryStepIndex';
import { planArgoTimeline } from './planArgoTimeline';
import { planStepsTimeline } from './planStepsTimeline';

/** One planned step of a rollout, as the timeline shows it. */
export interface TimelineStep {
  label: string;
  /** The canary weight the step sets, for a weighted canary release. */
  setWeight?: number;
  /** What else the step does, in words (a pause, a route, another kind of Argo's step). */
  detail?: string;
  state: 'done' | 'current' | 'pending';
}

const ANALYSING = new Set(['Progressing', 'Waiting']);
const PROMOTING = new Set(['WaitingPromotion', 'Promoting', 'Finalising']);

/**
 * The steps of a rollout in the Argo Rollouts dashboard's manner: a canary release's weight steps
 * (A/B and blue/green: their analysis iterations), then the promotion; the step under way is
 * `current`, those before it `done`. A rollout that is not under way has no current step; a
 * succeeded one has done them all.
 */
export function planTimeline(rollout: CanaryRollout): TimelineStep[] {
  if (rollout.argoRollouts) {
    return planArgoTimeline(rollout);
  }
  if (rollout.spec.canarySteps?.length) {
    return planStepsTimeline(rollout);
  }
  const { spec, status } = rollout;
  const phase = status.phase ?? '';
  const weighted = spec.strategy === 'canary' && spec.steps.length > 0;
  const planned: Array<Omit<TimelineStep, 'state'>> = weighted
    ? spec.steps.map((weight, index) => ({
        label: `Step ${index + 1}`,
        setWeight: weight,
      }))
    : Array.from({ length: spec.iterations ?? 0 }, (_, index) => ({
        label: `Iteration ${index + 1}`,
      }));
  planned.push({ label: 'Promotion' });

  let current = -1;
  if (ANALYSING.has(phase)) {
    const reached = weighted
      ? canaryStepIndex(spec.steps, status.canaryWeight)
      : Math.min(status.iterations, planned.length - 2);
    current = Math.max(0, reached);
  } else if (PROMOTING.has(phase)) {
    current = planned.length - 1;
  }
  const allDone = phase === 'Succeeded';

  return planned.map((step, index) => {
    let state: TimelineStep['state'] = 'pending';
    if (allDone || (current >= 0 && index < current)) state = 'done';
    else if (index === current) state = 'current';
    return { ...step, state };
  });
}

