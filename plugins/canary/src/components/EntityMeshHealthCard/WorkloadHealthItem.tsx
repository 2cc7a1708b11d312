import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { MetricSeries, WorkloadHealth } from '@vane/plugin-canary-common';
import { formatMeasure } from './formatMeasure';
import { Sparkline } from './Sparkline';
import { WorkloadCallersTable } from './WorkloadCallersTable';

function StatusIcon(props: { workload: WorkloadHealth }) {
  const { status, reason } = props.workload;
  // The reason, not the status word: the card's one chip says the status.
  if (status === 'healthy') return <StatusOK>{reason}</StatusOK>;
  if (status === 'degraded') return <StatusWarning>{reason}</StatusWarning>;
  if (status === 'failing') return <StatusError>{reason}</StatusError>;
  return <StatusPending>{reason}</StatusPending>;
}

function Measure(props: { label: string; text: string; series: MetricSeries }) {
  return (
    <Grid item xs={6} sm={3}>
      <Typography variant="caption" color="textSecondary" display="block">
        {props.label}
      </Typography>
      <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
        {props.text}
      </Typography>
      <Sparkline series={props.series} label={props.label} />
    </Grid>
  );
}

/**
 * One workload's health: status with its reason, rate, success and latency with their trends,
 * and who called it.
 */
export function WorkloadHealthItem(props: { workload: WorkloadHealth }) {
  const { workload } = props;
  return (
    <Box
      component="li"
      py={1}
      data-testid={`workload-health-${workload.cluster}-${workload.namespace}-${workload.workload}`}
    >
      <Box
        display="flex"
        alignItems="baseline"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="subtitle2">{workload.workload}</Typography>
        <Typography variant="caption" color="textSecondary">
          {workload.role === 'workload' ? '' : `${workload.role} · `}
          {workload.cluster}/{workload.namespace}
        </Typography>
      </Box>
      <Typography variant="body2" component="div">
        <StatusIcon workload={workload} />
      </Typography>
      <Grid container spacing={1}>
        <Measure
          label="Requests"
          text={formatMeasure(workload.requestsPerSecond, 2, ' rps')}
          series={workload.series.requestsPerSecond}
        />
        <Measure
          label="Success"
          text={formatMeasure(workload.successRate, 2, '%')}
          series={workload.series.successRate}
        />
        <Measure
          label="p50 latency"
          text={formatMeasure(workload.latency.p50, 0, ' ms')}
          series={workload.series.p50}
        />
        <Measure
          label="p99 latency"
          text={formatMeasure(workload.latency.p99, 0, ' ms')}
          series={workload.series.p99}
        />
      </Grid>
      {workload.callers && (
        <WorkloadCallersTable
          workload={workload.workload}
          callers={workload.callers}
        />
      )}
    </Box>
  );
}
