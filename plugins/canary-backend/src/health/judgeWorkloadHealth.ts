import type {
  MeshHealthStatus,
  MeshHealthThresholds,
} from '@vane/plugin-canary-common';

/** What was measured of one workload over the window, or why nothing could be. */
export type WorkloadMeasurement =
  | { unavailable: string }
  | {
      /** Absent when Prometheus holds no series for the workload. */
      requestsPerSecond?: number;
      /** Percent of requests. */
      errorRate5xx: number;
      errorRate4xx: number;
    };

/** Percent with as many decimals as a small share needs: `12.3%`, `0.04%`. */
function formatPercent(value: number): string {
  const text =
    value >= 1 || value === 0 ? value.toFixed(1) : value.toPrecision(2);
  return `${Number(text)}%`;
}

/**
 * The Kiali-style status of a workload, with the reason in words. Missing data is `unknown`,
 * never healthy; no request in the window is `no-traffic`; then the 5xx and 4xx shares are held
 * against the thresholds, failing before degraded.
 */
export function judgeWorkloadHealth(
  measurement: WorkloadMeasurement,
  thresholds: MeshHealthThresholds,
  window: string,
): { status: MeshHealthStatus; reason: string } {
  if ('unavailable' in measurement) {
    return { status: 'unknown', reason: measurement.unavailable };
  }
  const { requestsPerSecond, errorRate5xx, errorRate4xx } = measurement;
  if (!requestsPerSecond) {
    return { status: 'no-traffic', reason: `no requests in ${window}` };
  }
  const e5 = formatPercent(errorRate5xx);
  const e4 = formatPercent(errorRate4xx);
  if (errorRate5xx >= thresholds.failing5xx) {
    return {
      status: 'failing',
      reason: `5xx ${e5} >= ${thresholds.failing5xx}%`,
    };
  }
  if (errorRate4xx >= thresholds.failing4xx) {
    return {
      status: 'failing',
      reason: `4xx ${e4} >= ${thresholds.failing4xx}%`,
    };
  }
  if (errorRate5xx > thresholds.degraded5xx) {
    return {
      status: 'degraded',
      reason: `5xx ${e5} > ${thresholds.degraded5xx}%`,
    };
  }
  if (errorRate4xx >= thresholds.degraded4xx) {
    return {
      status: 'degraded',
      reason: `4xx ${e4} >= ${thresholds.degraded4xx}%`,
    };
  }
  return { status: 'healthy', reason: `5xx ${e5}, 4xx ${e4} in ${window}` };
}
