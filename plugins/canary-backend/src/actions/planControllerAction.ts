import type { RolloutController } from '@vane/plugin-canary-common';
import {
  ARGO_ROLLOUT_ACTIONS,
  planArgoRolloutAction,
} from './planArgoRolloutAction';
import {
  FLAGGER_CANARY_ACTIONS,
  planFlaggerCanaryAction,
} from './planFlaggerCanaryAction';
import type { PlannedAction, RefusedAction } from './PlannedAction';
import { planRolloutAction, VANE_ROLLOUT_ACTIONS } from './planRolloutAction';

/** The actions each controller takes from the portal, in the order the buttons show them. */
export const CONTROLLER_ACTIONS: Record<RolloutController, readonly string[]> =
  {
    vane: VANE_ROLLOUT_ACTIONS,
    'argo-rollouts': ARGO_ROLLOUT_ACTIONS,
    flagger: FLAGGER_CANARY_ACTIONS,
  };

/**
 * What an operator action writes on a rollout, by the rules of the controller that drives it
 * (Vane's annotations, the patches of `kubectl argo rollouts`, Flagger's `spec.suspend`), or why
 * it is refused. Pure: `object` is the rollout object as the cache holds it.
 */
export function planControllerAction(options: {
  controller: RolloutController;
  action: string;
  object: any;
  user: string;
  now: Date;
}): PlannedAction | RefusedAction {
  const { controller, action, object, user, now } = options;
  switch (controller) {
    case 'vane': {
      const plan = planRolloutAction({
        action,
        phase: object.status?.phase,
        annotations: object.metadata?.annotations,
        gate: object.status?.gate,
        stepPause: object.status?.stepPause,
        user,
        now: now.toISOString(),
      });
      if ('invalid' in plan || 'conflict' in plan) {
        return plan;
      }
      return { object: plan.patch, message: plan.message };
    }
    case 'argo-rollouts':
      return planArgoRolloutAction({ action, rollout: object, user, now });
    default:
      return planFlaggerCanaryAction({ action, canary: object, user });
  }
}
