import { CanaryRollout, stepPlan } from '@vane/plugin-canary-common';
import { describeTimelineStep } from './describeTimelineStep';
import type { TimelineStep } from './planTimeline';

const ANALYSING = new Set(['Progressing', 'Waiting']);
const PROMOTING = new Set(['WaitingPromotion', 'Promoting', 'Finalising']);

/**
 * The timeline of a Canary that releases by Argo Rollouts' steps: each step as the Argo Rollouts
 * dashboard lists it (set weight, pause, header or mirror route), then the promotion; the step
 * under way is the status' `currentStepIndex`, and a pause under way says until when it holds
 * (or that it waits for an owner).
 */
export function planStepsTimeline(rollout: CanaryRollout): TimelineStep[] {
  const { spec, status } = rollout;
  const plan = stepPlan(spec.canarySteps ?? []);
  const count = plan.steps.length;
  const phase = status.phase ?? '';
  let current = -1;
  if (ANALYSING.has(phase)) {
    current = Math.min(status.currentStepIndex ?? 0, count);
  } else if (PROMOTING.has(phase)) {
    current = count;
  }
  const allDone = phase === 'Succeeded';

  const planned: Array<Omit<TimelineStep, 'state'>> = plan.steps.map(
    ({ step }, index) =>
      describeTimelineStep(
        index,
        step,
        status.stepPause?.step === index && index === current
          ? status.stepPause
          : undefined,
      ),
  );
  planned.push({ label: 'Promotion' });

  return planned.map((step, index) => {
    let state: TimelineStep['state'] = 'pending';
    if (allDone || (current >= 0 && index < current)) state = 'done';
    else if (index === current) state = 'current';
    return { ...step, state };
  });
}
