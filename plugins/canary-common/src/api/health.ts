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
  /**
   * Who sent the workload its requests over the window, as Kiali's inbound traffic shows it.
   * Absent from backends older than the field.
   */
  callers?: WorkloadCallers;
}

/**
 * A workload's inbound callers over the health window, from the mesh's telemetry.
 *
 * - `measured`: `items` are the callers the mesh reported, busiest first, at most `limit` of
 *   them, `leftOut` more not listed. No item means no caller was reported, and `reason` says
 *   why ("no requests in 5m, so no callers"); a caller is never inferred from missing data.
 * - `unavailable`: the mesh's telemetry cannot name callers (Linkerd's inbound metrics, the
 *   application's own histogram), or Prometheus did not answer; `reason` says which.
 *
 * @public
 */
export interface WorkloadCallers {
  status: 'measured' | 'unavailable';
  /** Whose telemetry named the callers (`istio`, `osm`); absent when unavailable. */
  telemetry?: string;
  items: MeshCaller[];
  /** The most callers listed. */
  limit: number;
  /** How many callers the window saw beyond the `limit` busiest. */
  leftOut: number;
  /** Why there is no caller to list, in words; absent when `items` lists some. */
  reason?: string;
}

/**
 * One source of a workload's inbound requests over the window.
 *
 * @public
 */
export interface MeshCaller {
  /**
   * The calling workload as the mesh labels it: `istio-ingressgateway`, `mesh-lab-load`;
   * `unknown` for a client the mesh could not identify (outside the mesh).
   */
  workload: string;
  /** Its namespace (`istio-system`); `unknown` with an unknown workload. */
  namespace: string;
  /**
   * `gateway` for an ingress gateway, where the traffic entered the mesh (a caller in
   * istio-system named *gateway*, or a workload the cluster labels as a gateway's);
   * `unknown` for an unidentified client; `workload` otherwise.
   */
  kind: 'gateway' | 'workload' | 'unknown';
  requestsPerSecond: number;
  /** Non-5xx share of its requests, 0-100. */
  successRate: number;
  /** Milliseconds, when the mesh's histogram answered. */
  latency: { p99?: number };
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
