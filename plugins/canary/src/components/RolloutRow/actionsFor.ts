import { CanaryRollout, isAnalysisUnderWay } from '@vane/plugin-canary-common';
import type { CanaryRolloutAction } from '../../api/CanaryApi';

/**
 * The operator actions that fit a rollout's state, by the same rules the backend applies (it
 * answers 409 to the others), in the order the buttons show.
 */
export function actionsFor(rollout: CanaryRollout): CanaryRolloutAction[] {
  const { phase, pausedBy, pendingGate, stepPause } = rollout.status;
  const underWay = isAnalysisUnderWay(phase);
  const actions: CanaryRolloutAction[] = [];
  if (pendingGate?.approvableInPortal) actions.push('approve');
  // A pause step of Argo Rollouts' steps is resumed as an operator's pause is.
  if (pausedBy || (stepPause && phase === 'Progressing'))
    actions.push('resume');
  else if (underWay) actions.push('pause');
  if (underWay) actions.push('promote', 'abort');
  if (phase === 'Failed') actions.push('retry');
  return actions;
}
