import { CanaryRollout, isAnalysisUnderWay } from '@vane/plugin-canary-common';
import type { CanaryRolloutAction } from '../../api/CanaryApi';

/**
 * The operator actions that fit a rollout's state, by the same rules the backend applies for its
 * controller (it answers 409 to the others), in the order the buttons show.
 */
export function actionsFor(rollout: CanaryRollout): CanaryRolloutAction[] {
  switch (rollout.controller) {
    case 'argo-rollouts':
      return argoActions(rollout);
    case 'flagger':
      // Flagger's only API for operators: spec.suspend.
      return rollout.spec.suspend ? ['resume'] : ['pause'];
    default:
      return vaneActions(rollout);
  }
}

function vaneActions(rollout: CanaryRollout): CanaryRolloutAction[] {
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

// As Argo's dashboard offers them: promote, promote --full and abort while the rollout deploys
// (Progressing or Paused), retry once Degraded, restart always; pause and resume by spec.paused.
function argoActions(rollout: CanaryRollout): CanaryRolloutAction[] {
  const { phase } = rollout.status;
  const paused = rollout.argoRollouts?.paused === true;
  const deploying = phase === 'Progressing' || phase === 'Paused';
  const actions: CanaryRolloutAction[] = [];
  if (deploying) actions.push('promote', 'promote-full');
  if (paused) actions.push('resume');
  else if (deploying) actions.push('pause');
  if (deploying) actions.push('abort');
  if (phase === 'Degraded') actions.push('retry');
  actions.push('restart');
  return actions;
}
