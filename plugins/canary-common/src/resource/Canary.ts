import type { CanaryPhase } from './CanaryPhase';

/**
 * The Kubernetes API group, version and kind of Vane's Canary resource.
 *
 * @public
 */
export const CANARY_API = {
  group: 'delivery.vane.dev',
  version: 'v1alpha1',
  kind: 'Canary',
  plural: 'canaries',
} as const;

/**
 * A reference to another object, as in Flagger's `targetRef` and `autoscalerRef`.
 *
 * @public
 */
export interface CanaryObjectRef {
  apiVersion?: string;
  kind: string;
  name: string;
}

/** @public */
export interface CanaryMetric {
  name: string;
  interval?: string;
  thresholdRange?: { min?: number; max?: number };
  query?: string;
  templateRef?: { name: string; namespace?: string };
  templateVariables?: Record<string, string>;
}

/** @public */
export type CanaryWebhookType =
  | 'confirm-rollout'
  | 'pre-rollout'
  | 'rollout'
  | 'confirm-traffic-increase'
  | 'confirm-promotion'
  | 'post-rollout'
  | 'rollback'
  | 'event';

/** @public */
export interface CanaryWebhook {
  name: string;
  type?: CanaryWebhookType;
  url: string;
  timeout?: string;
  retries?: number;
  metadata?: Record<string, string>;
  /** Mutes the alert raised while this gate webhook holds the rollout, as Flagger does. */
  muteAlert?: boolean;
  /** Skips TLS certificate verification for this webhook's calls only, as Flagger does. */
  disableTLS?: boolean;
}

/**
 * How severe a rollout alert is. An alert (or provider) at `info` gets every alert, at `warn`
 * warnings and errors, at `error` errors only (Flagger's semantics).
 *
 * @public
 */
export type CanaryAlertSeverity = (typeof CANARY_ALERT_SEVERITIES)[number];

/**
 * The alert severities, least severe first.
 *
 * @public
 */
export const CANARY_ALERT_SEVERITIES = ['info', 'warn', 'error'] as const;

/**
 * Flagger's `analysis.alerts` entry: send this Canary's rollout alerts to an alert provider. In
 * Vane the provider is one of the backend's `canary.alertProviders` (credentials stay in the
 * backend's configuration), named by `providerRef.name`; `providerRef.namespace` is refused.
 *
 * @public
 */
export interface CanaryAlert {
  name: string;
  severity?: CanaryAlertSeverity;
  providerRef: { name: string; namespace?: string };
}

/**
 * Argo Rollouts' StringMatch: a value matched exactly, by prefix or by regular expression (one of
 * them).
 *
 * @public
 */
export interface CanaryStringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

/**
 * Argo Rollouts' `setHeaderRoute`: requests with matching headers go to the canary alone, by a
 * route of this name; without `match`, the route of this name is removed.
 *
 * @public
 */
export interface CanaryHeaderRoute {
  name: string;
  /** Any of these sends a request to the canary. */
  match?: Array<{ headerName: string; headerValue: CanaryStringMatch }>;
}

/**
 * Argo Rollouts' `setMirrorRoute`: a copy of the matching requests (`percentage` of them, default
 * all) goes to the canary, by a route of this name; without `match`, the route is removed.
 *
 * @public
 */
export interface CanaryMirrorRoute {
  name: string;
  /** Any of these selects a request (its method, path and headers all matching). */
  match?: Array<{
    method?: CanaryStringMatch;
    path?: CanaryStringMatch;
    headers?: Record<string, CanaryStringMatch>;
  }>;
  percentage?: number;
}

/**
 * One step of `analysis.steps`, in Argo Rollouts' vocabulary (its CanaryStep): exactly one of
 * `setWeight` (the canary's share of the traffic), `pause` (for `duration`, a string with a unit
 * or a number of seconds; without one, until an owner resumes it), `setHeaderRoute` and
 * `setMirrorRoute`.
 *
 * @public
 */
export interface CanaryStep {
  setWeight?: number;
  pause?: { duration?: string | number };
  setHeaderRoute?: CanaryHeaderRoute;
  setMirrorRoute?: CanaryMirrorRoute;
}

/** @public */
export interface CanaryAnalysis {
  interval: string;
  threshold: number;
  maxWeight?: number;
  stepWeight?: number;
  stepWeights?: number[];
  stepWeightPromotion?: number;
  iterations?: number;
  /** Argo Rollouts' steps, in place of stepWeight, stepWeights or iterations. */
  steps?: CanaryStep[];
  match?: Array<Record<string, unknown>>;
  mirror?: boolean;
  mirrorWeight?: number;
  metrics?: CanaryMetric[];
  webhooks?: CanaryWebhook[];
  alerts?: CanaryAlert[];
  /** Flagger's; refused unless 100 (FLAGGER_FIELD_REFUSALS). */
  primaryReadyThreshold?: number;
  /** Flagger's; refused unless 100 (FLAGGER_FIELD_REFUSALS). */
  canaryReadyThreshold?: number;
  /** Sticky sessions during a weighted rollout (istio, gatewayapi). */
  sessionAffinity?: CanarySessionAffinity;
}

/**
 * Flagger's `analysis.sessionAffinity`: while the canary has traffic, its answers set the cookie
 * `cookieName` and requests carrying it go to the canary; with `primaryCookieName`, the
 * primary's answers set a cookie for one analysis interval that keeps requests on the primary.
 * The other fields are attributes of the Set-Cookie header.
 *
 * @public
 */
export interface CanarySessionAffinity {
  cookieName: string;
  primaryCookieName?: string;
  /** Seconds until the canary's cookie expires; 0 or unset: 86400 (a day). */
  maxAge?: number;
  domain?: string;
  httpOnly?: boolean;
  partitioned?: boolean;
  path?: string;
  sameSite?: 'Strict' | 'Lax' | 'None';
  secure?: boolean;
}

/**
 * The spec of a Canary: Flagger's v1beta1 fields, each behaving as in Flagger or refused by name
 * (canarySpecSchema; plugins/canary-backend/docs/flagger-fields.md has the table), so a Flagger
 * Canary ports by changing its apiVersion unless it uses a refused field.
 *
 * @public
 */
export interface CanarySpec {
  provider?: string;
  /** Flagger's; refused (FLAGGER_FIELD_REFUSALS). */
  metricsServer?: string;
  targetRef: CanaryObjectRef;
  autoscalerRef?: CanaryObjectRef;
  service: {
    port: number;
    name?: string;
    targetPort?: number | string;
    portName?: string;
    gateways?: string[];
    hosts?: string[];
    [field: string]: unknown;
  };
  analysis: CanaryAnalysis;
  progressDeadlineSeconds?: number;
  skipAnalysis?: boolean;
  suspend?: boolean;
  /**
   * Deleting the Canary first hands the service back to the target: scaled up, selected by the
   * apex Service, routing objects restored (a finalizer holds the deletion until then).
   */
  revertOnDeletion?: boolean;
}

/**
 * The last measured value of one analysis metric, with the threshold it was judged against.
 *
 * @public
 */
export interface CanaryMetricResult {
  name: string;
  value?: number;
  thresholdRange?: { min?: number; max?: number };
  passed: boolean;
  /** Why the check failed when there was no value: no traffic, NaN, Prometheus unreachable. */
  reason?: string;
  measuredAt: string;
}

/** @public */
export interface CanaryCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/**
 * The status of a Canary: Flagger's fields plus the last measured metrics and a human-readable
 * reason for every halt, rollback and failure.
 *
 * @public
 */
export interface CanaryStatus {
  phase?: CanaryPhase;
  canaryWeight?: number;
  failedChecks?: number;
  iterations?: number;
  lastAppliedSpec?: string;
  lastPromotedSpec?: string;
  lastTransitionTime?: string;
  conditions?: CanaryCondition[];
  metrics?: CanaryMetricResult[];
  reason?: string;
  /** The last operator request (abort, promote, retry) the engine handled, so it acts once. */
  lastHandledRequest?: string;
  /** When the current (or last) rollout of a new revision started (entered Progressing). */
  startedAt?: string;
  /** The manual gate the rollout waits at; absent when no gate holds it. */
  gate?: CanaryGateWait;
  /** True while a copy of the traffic is mirrored to the canary (`analysis.mirror`). */
  mirrored?: boolean;
  /**
   * Flagger's session affinity cookies, `name=value`, as the routes carry them: the canary's
   * of the rollout under way (while the canary has traffic), the one of the run before (its
   * routes expire it), and the primary's of the current step (`primaryCookieName`).
   */
  sessionAffinityCookie?: string;
  previousSessionAffinityCookie?: string;
  primarySessionAffinityCookie?: string;
  /**
   * For a Canary with `analysis.steps`: the index of the step under way (Argo Rollouts'
   * `currentStepIndex`), the number of steps once they are all done; absent before the first.
   */
  currentStepIndex?: number;
  /** The pause step holding the rollout, with when it started; absent when none holds it. */
  stepPause?: CanaryStepPause;
}

/**
 * A `pause` step of `analysis.steps` holding a rollout. Its start is kept in the status, so an
 * engine that restarts during a timed pause waits only what is left of it.
 *
 * @public
 */
export interface CanaryStepPause {
  /** The index of the pause step in `analysis.steps`. */
  step: number;
  /** When the pause began. */
  startTime: string;
  /** When a timed pause ends; absent for `pause: {}`, which holds until an owner resumes it. */
  endTime?: string;
}

/**
 * A manual gate (a `confirm-*` webhook) holding a rollout, as the engine records it. An approval
 * given in the portal names all of it, so it opens this wait and no later one.
 *
 * @public
 */
export interface CanaryGateWait {
  type: 'confirm-rollout' | 'confirm-traffic-increase' | 'confirm-promotion';
  /** The webhook's name. */
  name: string;
  /** The revision the gate holds (the engine's checksum of the target's pod template). */
  revision: string;
  /** The canary weight the rollout holds at, for a confirm-traffic-increase gate. */
  canaryWeight?: number;
  /** True for a gate Vane serves (`url: vane://approval`), opened by the portal's approve action. */
  servedByVane: boolean;
  /** When the rollout started waiting at this gate. */
  since: string;
}

/**
 * A Canary resource as stored in Kubernetes.
 *
 * @public
 */
export interface Canary {
  apiVersion: `${typeof CANARY_API.group}/${typeof CANARY_API.version}`;
  kind: typeof CANARY_API.kind;
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    generation?: number;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    /** Set by the API server once the Canary is deleted while finalizers remain. */
    deletionTimestamp?: string;
    finalizers?: string[];
  };
  spec: CanarySpec;
  status?: CanaryStatus;
}
