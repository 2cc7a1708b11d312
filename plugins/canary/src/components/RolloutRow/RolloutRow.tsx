import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { CanaryRollout } from '@vane/plugin-canary-common';
import type { CanaryRolloutAction } from '../../api/CanaryApi';

/** The actions that fit a phase, as the backend accepts them (it answers 409 otherwise). */
export function actionsFor(
  rollout: CanaryRollout,
  paused: boolean,
): CanaryRolloutAction[] {
  const phase = rollout.status.phase;
  const underWay =
    phase === 'Progressing' ||
    phase === 'Waiting' ||
    phase === 'WaitingPromotion';
  const actions: CanaryRolloutAction[] = [];
  if (paused) actions.push('resume');
  else if (phase !== 'Promoting' && phase !== 'Finalising')
    actions.push('pause');
  if (underWay) actions.push('promote', 'abort');
  if (phase === 'Failed') actions.push('retry');
  return actions;
}

function PhaseChip({ phase }: { phase?: string }) {
  switch (phase) {
    case 'Succeeded':
    case 'Initialized':
      return <StatusOK>{phase}</StatusOK>;
    case 'Failed':
      return <StatusError>{phase}</StatusError>;
    case 'Progressing':
    case 'Promoting':
    case 'Finalising':
      return <StatusRunning>{phase}</StatusRunning>;
    case 'Terminated':
    case 'Terminating':
      return <StatusAborted>{phase}</StatusAborted>;
    default:
      return <StatusPending>{phase ?? 'Not initialised'}</StatusPending>;
  }
}

const imagesOf = (images: CanaryRollout['images']['primary']) =>
  images.map(i => i.image).join(', ') || 'none';

/**
 * One rollout on the entity card: phase, weight split with the step reached, failed checks and
 * the reason the rollout halted or failed, images old to new, and the actions the user may take.
 */
export function RolloutRow(props: {
  rollout: CanaryRollout;
  paused: boolean;
  canAct: boolean;
  ownerHint: string;
  onAction: (action: CanaryRolloutAction) => void;
}) {
  const { rollout, paused, canAct, ownerHint, onAction } = props;
  const { status, spec } = rollout;
  const step = spec.steps.indexOf(status.canaryWeight) + 1;
  return (
    <Box
      mb={2}
      aria-label={`Rollout ${rollout.namespace}/${rollout.name}`}
      role="group"
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1">
          {rollout.namespace}/{rollout.name}{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            {rollout.cluster} · {rollout.provider ?? 'no mesh'} ·{' '}
            {spec.strategy ?? 'invalid'}
          </Typography>
        </Typography>
        <PhaseChip phase={status.phase} />
      </Box>
      <Box display="flex" alignItems="center" mt={1}>
        <Box flexGrow={1} mr={2}>
          <LinearProgress
            variant="determinate"
            value={status.canaryWeight}
            aria-label={`canary weight ${status.canaryWeight}%`}
          />
        </Box>
        <Typography variant="body2">
          primary {100 - status.canaryWeight}% / canary {status.canaryWeight}%
          {spec.steps.length > 0 && ` · step ${step} of ${spec.steps.length}`}
        </Typography>
      </Box>
      <Typography variant="body2">
        Failed checks: {status.failedChecks} of {spec.threshold ?? '?'}
      </Typography>
      {status.reason && (
        <Typography
          variant="body2"
          color={status.phase === 'Failed' ? 'error' : 'textSecondary'}
        >
          {status.reason}
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        Images: {imagesOf(rollout.images.primary)} →{' '}
        {imagesOf(rollout.images.canary)}
        {status.lastTransitionTime &&
          ` · ${status.phase} since ${new Date(
            status.lastTransitionTime,
          ).toLocaleString()}`}
      </Typography>
      <Box mt={1}>
        {actionsFor(rollout, paused).map(action => (
          <Tooltip key={action} title={canAct ? '' : ownerHint}>
            <span>
              <Button
                size="small"
                variant="outlined"
                disabled={!canAct}
                onClick={() => onAction(action)}
              >
                {action}
              </Button>
            </span>
          </Tooltip>
        ))}
      </Box>
    </Box>
  );
}
