import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ArgoAnalysisRunSummary } from '@vane/plugin-canary-common';

/** An AnalysisRun's or a metric's phase, with Argo's meaning of each. */
function AnalysisPhase(props: { phase?: string }) {
  const phase = props.phase ?? 'Pending';
  switch (phase) {
    case 'Successful':
      return <StatusOK>{phase}</StatusOK>;
    case 'Failed':
    case 'Error':
      return <StatusError>{phase}</StatusError>;
    case 'Inconclusive':
      return <StatusWarning>{phase}</StatusWarning>;
    case 'Running':
      return <StatusRunning>{phase}</StatusRunning>;
    default:
      return <StatusPending>{phase}</StatusPending>;
  }
}

/**
 * An Argo Rollout's AnalysisRuns, newest revision first, each with its metrics: the conditions
 * they are judged by, how many measurements succeeded, failed, were inconclusive or errors, and
 * the newest value.
 */
export function ArgoAnalysisRuns(props: { runs: ArgoAnalysisRunSummary[] }) {
  if (props.runs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No AnalysisRun for this Rollout.
      </Typography>
    );
  }
  return (
    <>
      {props.runs.map(run => (
        <Box key={run.name} mb={2} data-testid={`analysis-run-${run.name}`}>
          <Typography variant="subtitle2">
            {run.name}
            {run.revision !== undefined && ` · revision ${run.revision}`} ·{' '}
            <AnalysisPhase phase={run.phase} />
          </Typography>
          {run.message && (
            <Typography variant="body2" color="textSecondary">
              {run.message}
            </Typography>
          )}
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Metric</TableCell>
                <TableCell>Phase</TableCell>
                <TableCell>Condition</TableCell>
                <TableCell>Measurements</TableCell>
                <TableCell>Last value</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {run.metrics.map(metric => (
                <TableRow key={metric.name}>
                  <TableCell>{metric.name}</TableCell>
                  <TableCell>
                    <AnalysisPhase phase={metric.phase} />
                  </TableCell>
                  <TableCell>
                    {[
                      metric.successCondition &&
                        `success: ${metric.successCondition}`,
                      metric.failureCondition &&
                        `failure: ${metric.failureCondition}`,
                    ]
                      .filter(Boolean)
                      .join('; ') || '—'}
                  </TableCell>
                  <TableCell>
                    {metric.count} measured: {metric.successful} successful,{' '}
                    {metric.failed} failed, {metric.inconclusive} inconclusive,{' '}
                    {metric.error} errors
                  </TableCell>
                  <TableCell>
                    {metric.lastValue ?? '—'}
                    {metric.message && (
                      <Typography variant="caption" display="block">
                        {metric.message}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ))}
    </>
  );
}
