import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { RolloutAnalysisMetric } from '@vane/plugin-canary-common';
import { DateTime } from 'luxon';
import { ReactElement } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chartPoints } from './chartPoints';

/** Minutes suffice for a long analysis; a short one (seconds apart) needs its seconds. */
const clockFor = (spanMillis: number) => (millis: number) =>
  DateTime.fromMillis(millis).toFormat(
    spanMillis < 10 * 60_000 ? 'HH:mm:ss' : 'HH:mm',
  );

function thresholdText(range?: { min?: number; max?: number }): string {
  const parts = [];
  if (range?.min !== undefined) parts.push(`min ${range.min}`);
  if (range?.max !== undefined) parts.push(`max ${range.max}`);
  return parts.join(', ');
}

/**
 * One analysis metric over the rollout: the canary's line, the primary's beside it when the metric
 * can be asked of the primary, the threshold as a dashed line, and every failed check as a red dot.
 * `width` fixes the size (tests, where nothing has a layout); without it the chart fills its box.
 */
export function AnalysisChart(props: {
  metric: RolloutAnalysisMetric;
  width?: number;
  height?: number;
  testIdPrefix?: string;
}) {
  const {
    metric,
    width,
    height = 220,
    testIdPrefix = 'analysis-chart',
  } = props;
  const theme = useTheme();
  const points = chartPoints(metric);
  const canaryAt = new Map(points.map(p => [p.t, p.canary]));
  const range = metric.thresholdRange;
  const threshold = thresholdText(range);
  const clock = clockFor(
    points.length > 0 ? points[points.length - 1].t - points[0].t : 0,
  );

  let body: ReactElement;
  if (metric.error) {
    body = (
      <Typography variant="body2" color="error">
        No series: {metric.error}
      </Typography>
    );
  } else if (points.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No samples yet
      </Typography>
    );
  } else {
    const chart = (
      <LineChart
        data={points}
        width={width}
        height={height}
        margin={{ top: 8, right: 24, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={clock}
        />
        {/* Around the data and the threshold, not from 0: 97% against 99% must show. */}
        <YAxis domain={['auto', 'auto']} />
        <Tooltip labelFormatter={label => clock(Number(label))} />
        <Legend />
        <Line
          dataKey="canary"
          name="canary"
          stroke={theme.palette.secondary.main}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        {metric.primary && (
          <Line
            dataKey="primary"
            name="primary"
            stroke={theme.palette.primary.main}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        )}
        {range?.min !== undefined && (
          <ReferenceLine
            y={range.min}
            stroke={theme.palette.error.main}
            strokeDasharray="6 4"
            label={`min ${range.min}`}
            ifOverflow="extendDomain"
          />
        )}
        {range?.max !== undefined && (
          <ReferenceLine
            y={range.max}
            stroke={theme.palette.error.main}
            strokeDasharray="6 4"
            label={`max ${range.max}`}
            ifOverflow="extendDomain"
          />
        )}
        {metric.failed.map(seconds => {
          const value = canaryAt.get(seconds * 1000);
          return value === undefined ? null : (
            <ReferenceDot
              key={seconds}
              x={seconds * 1000}
              y={value}
              r={5}
              fill={theme.palette.error.main}
              stroke="none"
              className="failed-check"
            />
          );
        })}
      </LineChart>
    );
    body = width ? (
      chart
    ) : (
      <ResponsiveContainer width="100%" height={height}>
        {chart}
      </ResponsiveContainer>
    );
  }

  return (
    <Box data-testid={`${testIdPrefix}-${metric.name}`} mb={2}>
      <Typography variant="subtitle2">
        {metric.name}
        {threshold && ` (${threshold})`}
        {metric.failed.length > 0 &&
          ` · ${metric.failed.length} failed check${
            metric.failed.length === 1 ? '' : 's'
          }`}
      </Typography>
      {body}
    </Box>
  );
}
