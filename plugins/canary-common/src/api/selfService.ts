import type { CanaryCondition, CanaryStatus } from '../resource/Canary';

/**
 * One cluster of `GET /clusters`: what the Scaffolder needs to choose a mesh provider.
 *
 * @public
 */
export interface CanaryClusterInfo {
  name: string;
  /** False while the cluster's caches connect or when it is unreachable (`error` says why). */
  available: boolean;
  error?: string;
  /** The providers the cluster can route with (mesh discovery), best first; `kubernetes` last. */
  meshProviders: string[];
  /** What a Canary without `spec.provider` is routed with: the configured default, else the best discovered. */
  defaultProvider?: string;
}

/**
 * `GET /clusters`.
 *
 * @public
 */
export interface ClustersResponse {
  items: CanaryClusterInfo[];
}

/**
 * A Deployment of an entity in one cluster, as `GET /entities/:kind/:namespace/:name/workloads`
 * lists it.
 *
 * @public
 */
export interface EntityWorkload {
  cluster: string;
  namespace: string;
  name: string;
  /** The container ports it declares, for the Canary's `service.port`. */
  ports: number[];
  /** `<namespace>/<name>` of the Canary that already targets it, if any. */
  canary?: string;
  /** The provider a new Canary here would route with (see CanaryClusterInfo.defaultProvider). */
  defaultProvider?: string;
}

/**
 * `GET /entities/:kind/:namespace/:name/workloads`: the entity's Deployments (selected as for its
 * rollouts, by `backstage.io/kubernetes-id` or `-label-selector`), with the clusters that could not answer.
 *
 * @public
 */
export interface EntityWorkloadsResponse {
  entityRef: string;
  items: EntityWorkload[];
  errors: Array<{ cluster?: string; message: string }>;
}

/**
 * `POST /entities/:kind/:namespace/:name/canaries`: a Canary manifest (and optionally a
 * MetricTemplate) to create or update in one cluster, for the owners of the entity only.
 *
 * @public
 */
export interface ApplyCanaryRequest {
  cluster: string;
  canary: unknown;
  metricTemplate?: unknown;
}

/**
 * The answer to an applied Canary (201 when created, 200 otherwise).
 *
 * @public
 */
export interface ApplyCanaryResponse {
  cluster: string;
  namespace: string;
  name: string;
  result: 'created' | 'updated' | 'unchanged';
  metricTemplate?: { name: string; result: 'created' | 'updated' | 'unchanged' };
}

/**
 * `GET /entities/:kind/:namespace/:name/canaries/:cluster/:namespace/:name`: how a Canary applied
 * for one of the entity's Deployments is doing, whether or not the catalog links it yet (the
 * Scaffolder waits on it right after applying, before any catalog change is merged).
 *
 * @public
 */
export interface AppliedCanaryResponse {
  cluster: string;
  namespace: string;
  name: string;
  phase?: CanaryStatus['phase'];
  reason?: string;
  conditions: CanaryCondition[];
  /** Broken rules of the spec as stored; the engine does not act on a Canary that has any. */
  specErrors: string[];
}
