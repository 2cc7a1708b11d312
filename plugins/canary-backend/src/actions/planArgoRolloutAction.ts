import type { ArgoRollout } from '../readModel/argoRollouts/ArgoRollout';
import { argoRolloutPhase } from '../readModel/argoRollouts/argoRolloutPhase';
import { currentCanaryStep } from '../readModel/argoRollouts/argoRolloutWeights';
import type { PlannedAction, RefusedAction } from './PlannedAction';

/** The actions on an Argo Rollout: those of `kubectl argo rollouts` and its dashboard. */
export const ARGO_ROLLOUT_ACTIONS = [
  'promote',
  'promote-full',
  'pause',
  'resume',
  'abort',
  'retry',
  'restart',
] as const;

/**
 * What an action on an Argo Rollout writes: exactly the patches the kubectl plugin writes, on the
 * same subresources, as JSON merge patches (argo-rollouts pkg/kubectl-argo-rollouts/cmd: promote,
 * promote --full, pause, abort, retry, restart), and `resume`, the inverse of `pause`:
 * `spec.paused` back to false, the spec patch `promote` writes too (the plugin's own `resume`
 * became `promote` in 0.6; unlike promote, it skips no step). Which actions fit which phase
 * follows Argo's dashboard (ui/src/app/components/rollout-actions): promote, promote-full and
 * abort while the rollout is deploying (Progressing or Paused), retry once Degraded, restart at
 * any time; pause while not paused, resume while paused.
 */
export function planArgoRolloutAction(options: {
  action: string;
  rollout: ArgoRollout;
  user: string;
  now: Date;
}): PlannedAction | RefusedAction {
  const { action, rollout, user, now } = options;
  const spec = rollout.spec ?? {};
  const status = rollout.status ?? {};
  const { phase } = argoRolloutPhase(rollout);
  const deploying = phase === 'Progressing' || phase === 'Paused';
  const notDeploying = (verb: string): RefusedAction => ({
    conflict: `Only a rollout under way (Progressing or Paused) can be ${verb}; this one is ${phase}`,
  });
  const canary = spec.strategy?.canary;
  const steps = canary?.steps ?? [];
  // GetCurrentCanaryStep's index, moved on by one unless past the last step (promote.go).
  const nextStepIndex = () => {
    const { index } = currentCanaryStep(rollout);
    if (index === undefined) return undefined;
    return index < steps.length ? index + 1 : index;
  };

  switch (action) {
    case 'promote': {
      if (!deploying) return notDeploying('promoted');
      const plan: Omit<PlannedAction, 'message'> = {
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { pauseConditions: null },
        },
      };
      if (spec.paused) {
        plan.object = { spec: { paused: false } };
      }
      const pauses = (status.pauseConditions ?? []).length > 0;
      const inconclusive =
        canary !== undefined &&
        status.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive';
      if (inconclusive && pauses && status.controllerPause) {
        // An inconclusive analysis: clear the controller's pause and move past the step, or the
        // rollout stays stuck when the next step is a pause.
        const index = nextStepIndex();
        if (index !== undefined) {
          plan.status = {
            pauseConditions: null,
            controllerPause: false,
            currentStepIndex: index,
          };
        }
      } else if (pauses) {
        // Paused at a step: clearing the pause conditions lets the controller move on by itself.
        plan.status = { pauseConditions: null };
      } else if (canary) {
        // Mid-step (an analysis, an experiment, a weight not reached yet): skip the step.
        const index = nextStepIndex();
        if (index !== undefined) {
          plan.status = { pauseConditions: null, currentStepIndex: index };
          plan.withoutStatusSubresource = {
            spec: { paused: false },
            status: { pauseConditions: null, currentStepIndex: index },
          };
        }
      }
      if (!plan.status && !plan.object) {
        return {
          conflict: `Nothing to promote: the rollout is neither paused nor at a canary step (phase ${phase})`,
        };
      }
      return { ...plan, message: `Promoted by ${user}` };
    }
    case 'promote-full': {
      if (!deploying) return notDeploying('fully promoted');
      const plan: PlannedAction = {
        withoutStatusSubresource: {
          spec: { paused: false },
          status: { promoteFull: true },
        },
        message: `Fully promoted by ${user}, skipping the remaining steps, pauses and analysis`,
      };
      if (spec.paused) {
        plan.object = { spec: { paused: false } };
      }
      if (status.currentPodHash !== status.stableRS) {
        plan.status = { promoteFull: true };
      }
      if (!plan.status && !plan.object) {
        return {
          conflict:
            'Nothing to promote: the desired version is already the stable one',
        };
      }
      return plan;
    }
    case 'pause':
      if (spec.paused) {
        return { conflict: 'The rollout is already paused (spec.paused)' };
      }
      return {
        object: { spec: { paused: true } },
        message: `Paused by ${user}`,
      };
    case 'resume':
      if (!spec.paused) {
        return {
          conflict:
            'The rollout is not paused by an operator (spec.paused); a rollout paused at a step or by its analysis is promoted',
        };
      }
      return {
        object: { spec: { paused: false } },
        message: `Resumed by ${user}`,
      };
    case 'abort':
      if (!deploying) return notDeploying('aborted');
      return {
        status: { abort: true },
        withoutStatusSubresource: { status: { abort: true } },
        message: `Aborted by ${user}: back to the stable version`,
      };
    case 'retry':
      if (phase !== 'Degraded') {
        return {
          conflict: `Only a Degraded rollout (aborted, or past its progress deadline) can be retried; this one is ${phase}`,
        };
      }
      return {
        status: { abort: false },
        withoutStatusSubresource: { status: { abort: false } },
        message: `Retried by ${user}`,
      };
    case 'restart':
      // time.RFC3339 in UTC, as the plugin formats restartAt: whole seconds.
      return {
        object: {
          spec: { restartAt: now.toISOString().replace(/\.\d+Z$/, 'Z') },
        },
        message: `Pods restarted by ${user}`,
      };
    default:
      return {
        invalid: `An Argo Rollout takes ${ARGO_ROLLOUT_ACTIONS.join(
          ', ',
        )}; "${action}" is not one of them`,
      };
  }
}
