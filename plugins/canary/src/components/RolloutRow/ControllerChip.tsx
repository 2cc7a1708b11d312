import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import type { RolloutController } from '@vane/plugin-canary-common';

/** What each controller is called on the page. */
export const CONTROLLER_NAMES: Record<RolloutController, string> = {
  vane: 'Vane',
  'argo-rollouts': 'Argo Rollouts',
  flagger: 'Flagger',
};

const CONTROLLER_HINTS: Record<RolloutController, string> = {
  vane: "Driven by Vane's engine (delivery.vane.dev Canary)",
  'argo-rollouts':
    'Driven by Argo Rollouts (argoproj.io Rollout); Vane shows it and acts through the patches kubectl argo rollouts writes',
  flagger:
    'Driven by Flagger (flagger.app Canary); Vane shows it and can suspend or resume it',
};

/** Which controller drives a rollout, as a small outlined chip. */
export function ControllerChip(props: { controller: RolloutController }) {
  return (
    <Tooltip title={CONTROLLER_HINTS[props.controller]}>
      <Chip
        size="small"
        variant="outlined"
        label={CONTROLLER_NAMES[props.controller]}
        data-testid="rollout-controller"
      />
    </Tooltip>
  );
}
