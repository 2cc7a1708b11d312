import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import FiberManualRecord from '@material-ui/icons/FiberManualRecord';

/** Where the live stream stands: waiting for the first answer, following changes, or dropped. */
export type LiveState = 'connecting' | 'live' | 'disconnected';

const useStyles = makeStyles(theme => ({
  live: { color: theme.palette.success.main },
  connecting: { color: theme.palette.text.disabled },
  disconnected: { color: theme.palette.error.main },
}));

const LABELS: Record<LiveState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  disconnected: 'Disconnected, reconnecting',
};

/**
 * A small chip that says the page follows changes as they happen, and says so plainly when the
 * stream dropped (what is shown may then be stale until it reconnects on its own).
 */
export function LiveIndicator(props: { state: LiveState; error?: Error }) {
  const classes = useStyles();
  const { state, error } = props;
  const explanation =
    state === 'disconnected'
      ? `The live stream dropped${
          error ? ` (${error.message})` : ''
        }; the rollouts shown may be stale until it reconnects.`
      : 'Rollouts update as they change, without refreshing.';
  return (
    <Tooltip title={explanation}>
      <Chip
        data-testid="live-indicator"
        data-state={state}
        size="small"
        variant="outlined"
        icon={<FiberManualRecord className={classes[state]} />}
        label={LABELS[state]}
      />
    </Tooltip>
  );
}
