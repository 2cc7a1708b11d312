import { useTheme } from '@material-ui/core/styles';
import type { MetricSeries } from '@vane/plugin-canary-common';
import { Line, LineChart, YAxis } from 'recharts';

/** A small line of a metric over the health window, no axes: the trend beside the number. */
export function Sparkline(props: { series: MetricSeries; label: string }) {
  const theme = useTheme();
  if (props.series.length < 2) return null;
  const data = props.series.map(([t, v]) => ({ t, v }));
  return (
    <span role="img" aria-label={`${props.label} trend`}>
      <LineChart width={80} height={24} data={data}>
        <YAxis hide domain={['dataMin', 'dataMax']} />
        <Line
          dataKey="v"
          stroke={theme.palette.primary.main}
          dot={false}
          isAnimationActive={false}
          strokeWidth={1.5}
        />
      </LineChart>
    </span>
  );
}
