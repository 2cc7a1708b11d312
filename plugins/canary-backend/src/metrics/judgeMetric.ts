import type { MetricQueryResult } from '@vane/plugin-canary-node';

/** A metric's verdict, with a reason fit for the Canary's status and events. */
export interface MetricJudgement {
  passed: boolean;
  /** e.g. `request-success-rate 91.8% < 99%`, `request-duration 612ms > 500ms`. */
  reason: string;
}

const UNITS: Record<string, string> = {
  'request-success-rate': '%',
  'request-duration': 'ms',
};

/**
 * Shows a value with as few decimals as make it differ from the threshold, so a success rate of
 * 98.996 against 99 reads `98.996% < 99%`, not the contradictory `99% < 99%`.
 */
function format(value: number, unit: string, threshold?: number): string {
  let digits = 2;
  let text = String(Number(value.toFixed(digits)));
  while (
    threshold !== undefined &&
    value !== threshold &&
    Number(text) === threshold &&
    digits < 10
  ) {
    digits += 1;
    text = String(Number(value.toFixed(digits)));
  }
  return `${text}${unit}`;
}

/**
 * Judges one measured metric against its `thresholdRange` (inclusive bounds, as Flagger):
 * percent for request-success-rate, milliseconds for request-duration, a plain number otherwise.
 * No data always fails: the engine never promotes on missing data.
 */
export function judgeMetric(
  metricName: string,
  result: MetricQueryResult,
  thresholdRange: { min?: number; max?: number } | undefined,
): MetricJudgement {
  if (typeof result !== 'number') {
    return { passed: false, reason: `${metricName}: ${result.reason}` };
  }
  const unit = UNITS[metricName] ?? '';
  const { min, max } = thresholdRange ?? {};

  if (min !== undefined && result < min) {
    return {
      passed: false,
      reason: `${metricName} ${format(result, unit, min)} < ${format(
        min,
        unit,
      )}`,
    };
  }
  if (max !== undefined && result > max) {
    return {
      passed: false,
      reason: `${metricName} ${format(result, unit, max)} > ${format(
        max,
        unit,
      )}`,
    };
  }

  const bounds = [
    min !== undefined ? `>= ${format(min, unit)}` : undefined,
    max !== undefined ? `<= ${format(max, unit)}` : undefined,
  ].filter(Boolean);
  return {
    passed: true,
    reason:
      bounds.length > 0
        ? `${metricName} ${format(result, unit)} ${bounds.join(' and ')}`
        : `${metricName} ${format(
            result,
            unit,
          )} (no thresholdRange: measured only)`,
  };
}
