import Typography from '@material-ui/core/Typography';
import type { ArgoRolloutDetails } from '@vane/plugin-canary-common';

/**
 * What an Argo Rollout's row says beyond the common lines: an operator's pause, the controller's
 * pause conditions (unless the message says them already), an abort, and the newest AnalysisRun.
 */
export function ArgoRolloutFacts(props: {
  rollout: ArgoRolloutDetails;
  /** The rollout's message, shown above. */
  reason?: string;
}) {
  const { rollout, reason } = props;
  const [run] = rollout.analysisRuns;
  const pauses = rollout.pauseConditions
    .map(pause => pause.reason)
    .filter(pauseReason => pauseReason !== reason);
  return (
    <>
      {rollout.paused && (
        <Typography variant="body2">
          Paused by an operator (spec.paused) until resumed
        </Typography>
      )}
      {pauses.length > 0 && (
        <Typography variant="body2">Paused: {pauses.join(', ')}</Typography>
      )}
      {rollout.aborted && (
        <Typography variant="body2" color="error">
          Aborted: back on the stable version until retried
        </Typography>
      )}
      {run && (
        <Typography variant="body2" data-testid="argo-analysis-run">
          Analysis {run.name}: {run.phase ?? 'Pending'}
          {run.metrics.length > 0 &&
            ` (${run.metrics
              .map(
                metric =>
                  `${metric.name} ${metric.successful}/${
                    metric.count
                  } successful${
                    metric.lastValue !== undefined
                      ? `, last ${metric.lastValue}`
                      : ''
                  }`,
              )
              .join('; ')})`}
        </Typography>
      )}
    </>
  );
}
