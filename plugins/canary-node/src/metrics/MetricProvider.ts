/**
 * Why a metric query has no value: no series, NaN, Prometheus unreachable. The engine counts it
 * as a failed check and shows the reason; it never promotes on missing data.
 *
 * @public
 */
export interface NoData {
  readonly noData: true;
  /** Starts with `no data: `, e.g. `no data: the value is NaN (no requests in the interval)`. */
  readonly reason: string;
}

/**
 * A measured value, or why there is none.
 *
 * @public
 */
export type MetricQueryResult = number | NoData;

/**
 * Runs analysis queries against one metrics backend (Prometheus first).
 *
 * @public
 */
export interface MetricProvider {
  /** The provider type, e.g. `prometheus`. */
  readonly type: string;
  /** Runs one instant query that must yield a single number. Never rejects: failures are NoData. */
  query(query: string): Promise<MetricQueryResult>;
  /** Whether the backend answers a trivial query correctly. */
  isOnline(): Promise<boolean>;
}
