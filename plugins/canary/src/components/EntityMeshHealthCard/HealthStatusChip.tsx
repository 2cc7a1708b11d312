import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { MeshHealthStatus } from '@vane/plugin-canary-common';

const useStyles = makeStyles((theme: Theme) => ({
  healthy: { backgroundColor: theme.palette.success.main, color: '#fff' },
  degraded: { backgroundColor: theme.palette.warning.main, color: '#000' },
  failing: { backgroundColor: theme.palette.error.main, color: '#fff' },
  'no-traffic': { backgroundColor: theme.palette.grey[400], color: '#000' },
  unknown: { backgroundColor: theme.palette.grey[600], color: '#fff' },
}));

/** The words the card shows for a health status ("no traffic" reads better than the API's id). */
export const HEALTH_STATUS_TEXT: Record<MeshHealthStatus, string> = {
  healthy: 'healthy',
  degraded: 'degraded',
  failing: 'failing',
  'no-traffic': 'no traffic',
  unknown: 'unknown',
};

/** The mesh health status as a coloured chip. */
export function HealthStatusChip(props: { status: MeshHealthStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={HEALTH_STATUS_TEXT[props.status]}
      className={classes[props.status]}
      data-testid="mesh-health-status"
    />
  );
}
