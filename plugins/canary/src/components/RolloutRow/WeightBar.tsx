import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, Theme } from '@material-ui/core/styles';

const useStyles = makeStyles((theme: Theme) => ({
  track: {
    position: 'relative',
    height: 12,
    borderRadius: 6,
    overflow: 'hidden',
    backgroundColor: theme.palette.primary.light,
  },
  canary: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    backgroundColor: theme.palette.secondary.main,
    transition: 'width 400ms ease-out',
  },
  marker: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 2,
    marginLeft: -1,
    backgroundColor: theme.palette.background.paper,
  },
}));

/**
 * The traffic split as one bar: the canary's share from the left, the primary's the rest, with a
 * marker at every planned step weight so the next step is visible before it happens.
 */
export function WeightBar(props: { canaryWeight: number; steps: number[] }) {
  const classes = useStyles();
  const weight = Math.min(100, Math.max(0, props.canaryWeight));
  return (
    <div
      className={classes.track}
      role="progressbar"
      aria-label="canary weight"
      aria-valuenow={weight}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuetext={`primary ${100 - weight}%, canary ${weight}%`}
    >
      <div className={classes.canary} style={{ width: `${weight}%` }} />
      {props.steps.map((step, index) =>
        step > 0 && step < 100 ? (
          <Tooltip
            key={`${index}-${step}`}
            title={`step ${index + 1}: ${step}%`}
          >
            <Box className={classes.marker} style={{ left: `${step}%` }} />
          </Tooltip>
        ) : null,
      )}
    </div>
  );
}
