import type { RolloutAnalysisMetric } from '@vane/plugin-canary-common';

/** One sample time of a metric chart: the canary's value and the primary's, when measured. */
export interface ChartPoint {
  /** Unix milliseconds, so the time axis can format it directly. */
  t: number;
  canary?: number;
  primary?: number;
}

/**
 * The canary and primary series of a metric joined on their sample times, oldest first (a time
 * only one of them has leaves the other's value out, and the chart bridges it).
 */
export function chartPoints(metric: RolloutAnalysisMetric): ChartPoint[] {
  const points = new Map<number, ChartPoint>();
  const at = (seconds: number) => {
    const point = points.get(seconds) ?? { t: seconds * 1000 };
    points.set(seconds, point);
    return point;
  };
  for (const [seconds, value] of metric.canary) at(seconds).canary = value;
  for (const [seconds, value] of metric.primary ?? [])
    at(seconds).primary = value;
  return [...points.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, point]) => point);
}
