import type { MetricSeries } from '@vane/plugin-canary-common';

/**
 * The times of the samples outside a metric's `thresholdRange` (inclusive bounds, as the
 * engine's judgeMetric): where a chart marks failed checks.
 */
export function findFailedSamples(
  series: MetricSeries,
  thresholdRange: { min?: number; max?: number } | undefined,
): number[] {
  const { min, max } = thresholdRange ?? {};
  return series
    .filter(
      ([, value]) =>
        (min !== undefined && value < min) ||
        (max !== undefined && value > max),
    )
    .map(([time]) => time);
}
