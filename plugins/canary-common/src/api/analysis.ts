import type { MetricSeries } from './health';

/**
 * One analysis metric of a rollout over time, for a chart.
 *
 * @public
 */
export interface RolloutAnalysisMetric {
  name: string;
  thresholdRange?: { min?: number; max?: number };
  /** The metric's PromQL evaluated for the canary workload over the rollout. */
  canary: MetricSeries;
  /** The same query for the primary, when the metric can be asked of it (built-in metrics). */
  primary?: MetricSeries;
  /** Unix seconds of the canary samples outside the threshold range: the failed checks. */
  failed: number[];
  /** Why there is no series: no data, Prometheus unreachable, a template that cannot render. */
  error?: string;
}

/**
 * `GET /entities/:kind/:namespace/:name/rollouts/:cluster/:namespace/:canary/analysis[?history=<id>]`:
 * the current rollout's analysis, or a past one's from the history.
 *
 * @public
 */
export interface RolloutAnalysisResponse {
  cluster: string;
  namespace: string;
  name: string;
  /** ISO times the series cover. */
  from: string;
  to: string;
  /** Seconds between samples. */
  stepSeconds: number;
  metrics: RolloutAnalysisMetric[];
}
