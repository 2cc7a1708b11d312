import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { RolloutPhase } from '@vane/plugin-canary-common';

type Tone = 'ok' | 'error' | 'running' | 'ended' | 'pending';

const useStyles = makeStyles((theme: Theme) => ({
  ok: { backgroundColor: theme.palette.success.main, color: '#fff' },
  error: { backgroundColor: theme.palette.error.main, color: '#fff' },
  running: { backgroundColor: theme.palette.info.main, color: '#fff' },
  ended: { backgroundColor: theme.palette.grey[500], color: '#fff' },
  pending: { backgroundColor: theme.palette.warning.main, color: '#000' },
}));

function toneOf(phase?: RolloutPhase): Tone {
  switch (phase) {
    case 'Succeeded':
    case 'Initialized':
    case 'Healthy':
      return 'ok';
    case 'Failed':
    case 'Degraded':
      return 'error';
    case 'Progressing':
    case 'Promoting':
    case 'Finalising':
      return 'running';
    case 'Terminating':
    case 'Terminated':
      return 'ended';
    default:
      return 'pending';
  }
}

/** A rollout's phase as a coloured chip whose text is the phase itself. */
export function PhaseChip(props: { phase?: RolloutPhase }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.phase ?? 'Not initialised'}
      className={classes[toneOf(props.phase)]}
    />
  );
}
