/**
 * Kiali-style health of a workload: `no-traffic` when it served no request in the window,
 * `unknown` when Prometheus could not tell.
 *
 * @public
 */
export type MeshHealthStatus =
  | 'healthy'
  | 'degraded'
  | 'failing'
  | 'no-traffic'
  | 'unknown';

/**
 * A time series: `[unix seconds, value]` pairs, oldest first.
 *
 * @public
 */
export type MetricSeries = Array<[number, number]>;

/**
 * The mesh health of one workload (a Deployment; during a rollout the primary and the canary are
 * two workloads) over the window.
 *
 * @public
 */
export interface WorkloadHealth {
  cluster: string;
  namespace: string;
  /** The Deployment's name. */
  workload: string;
  /** `primary` and `canary` while a Canary manages the workload; `workload` otherwise. */
  role: 'primary' | 'canary' | 'workload';
  /** The Canary that manages the workload, `namespace/name`, if any. */
  canary?: string;
  status: MeshHealthStatus;
  /** Why the status is what it is, in words: "5xx 12.0% >= 10%", "no requests in 5m". */
  reason: string;
  requestsPerSecond?: number;
  /** Non-5xx share of requests, 0-100. */
  successRate?: number;
  /** 5xx and 4xx share of requests, 0-100. */
  errorRate5xx?: number;
  errorRate4xx?: number;
  /** Milliseconds. */
  latency: { p50?: number; p90?: number; p99?: number };
  /** Over the window, for sparklines. */
  series: {
    requestsPerSecond: MetricSeries;
    successRate: MetricSeries;
    p50: MetricSeries;
    p99: MetricSeries;
  };
}

/**
 * The thresholds of the health status, in percent of requests; Kiali's defaults unless configured
 * (`canary.health.thresholds`).
 *
 * @public
 */
export interface MeshHealthThresholds {
  /** 5xx: above this share is degraded (Kiali: any, i.e. 0). */
  degraded5xx: number;
  /** 5xx: at or above this share is failing (Kiali: 10). */
  failing5xx: number;
  /** 4xx: at or above this share is degraded (Kiali: 10). */
  degraded4xx: number;
  /** 4xx: at or above this share is failing (Kiali: 20). */
  failing4xx: number;
}

/**
 * `GET /entities/:kind/:namespace/:name/health?window=5m`
 *
 * @public
 */
export interface EntityHealthResponse {
  entityRef: string;
  /** The window the rates and quantiles cover, as asked (`5m` by default). */
  window: string;
  /** The worst status of the workloads (no-traffic only when none has traffic). */
  status: MeshHealthStatus;
  thresholds: MeshHealthThresholds;
  items: WorkloadHealth[];
  errors: Array<{ cluster?: string; message: string }>;
}
