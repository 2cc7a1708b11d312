import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckIcon from '@material-ui/icons/Check';
import type { CanaryRollout } from '@vane/plugin-canary-common';
import { planTimeline } from './planTimeline';

const useStyles = makeStyles((theme: Theme) => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
  },
  step: {
    minWidth: 96,
    padding: theme.spacing(1),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
  },
  done: { color: theme.palette.text.secondary },
  current: {
    border: `2px solid ${theme.palette.primary.main}`,
    backgroundColor: theme.palette.action.selected,
  },
  pending: { opacity: 0.7 },
}));

/**
 * The steps of a rollout, the current one highlighted, each with the weight it sets (or what it
 * does: an Argo Rollout's pause, analysis...) and the current one also with the weight the mesh
 * actually routes (status.canaryWeight).
 */
export function StepTimeline(props: { rollout: CanaryRollout }) {
  const classes = useStyles();
  const { status } = props.rollout;
  const steps = planTimeline(props.rollout);
  return (
    <ol
      className={classes.list}
      data-testid="step-timeline"
      aria-label="Rollout steps"
    >
      {steps.map((step, index) => (
        <li
          key={step.label}
          data-testid={`step-${index}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
          className={`${classes.step} ${classes[step.state]}`}
        >
          <Box display="flex" alignItems="center">
            <Typography variant="subtitle2">{step.label}</Typography>
            {step.state === 'done' && (
              <CheckIcon fontSize="small" aria-label="done" />
            )}
          </Box>
          {step.setWeight !== undefined && (
            <Typography variant="body2">
              set weight {step.setWeight}%
            </Typography>
          )}
          {step.detail && (
            <Typography variant="body2">{step.detail}</Typography>
          )}
          {step.state === 'current' && (
            <Typography variant="body2">
              actual weight {status.canaryWeight}%
            </Typography>
          )}
        </li>
      ))}
    </ol>
  );
}
