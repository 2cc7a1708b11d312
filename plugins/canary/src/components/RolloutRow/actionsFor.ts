import type { CanaryRollout } from '@vane/plugin-canary-common';
import type { CanaryRolloutAction } from '../../api/CanaryApi';

/** Phases in which an analysis, or a gate before or after it, is under way. */
const UNDER_WAY = new Set(['Progressing', 'Waiting', 'WaitingPromotion']);

/**
 * The operator actions that fit a rollout's state, by the same rules the backend applies (it
 * answers 409 to the others), in the order the buttons show.
 */
export function actionsFor(rollout: CanaryRollout): CanaryRolloutAction[] {
  const { phase, pausedBy, pendingGate } = rollout.status;
  const underWay = phase !== undefined && UNDER_WAY.has(phase);
  const actions: CanaryRolloutAction[] = [];
  if (pendingGate?.approvableInPortal) actions.push('approve');
  if (pausedBy) actions.push('resume');
  else if (underWay) actions.push('pause');
  if (underWay) actions.push('promote', 'abort');
  if (phase === 'Failed') actions.push('retry');
  return actions;
}
