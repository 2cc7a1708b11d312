import type { NoData } from '@vane/plugin-canary-node';

/** Whether a Prometheus answer is NoData (no series, an error, no answer) rather than samples. */
export function isNoData(result: unknown): result is NoData {
  return typeof result === 'object' && result !== null && 'noData' in result;
}
