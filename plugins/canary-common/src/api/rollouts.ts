import type {
  CanaryCondition,
  CanaryMetricResult,
  CanaryObjectRef,
  CanaryStep,
  CanaryStepPause,
} from '../resource/Canary';
import type { CanaryPhase } from '../resource/CanaryPhase';

/**
 * The operator actions on a rollout, `POST .../rollouts/:cluster/:namespace/:canary/:action`.
 *
 * @public
 */
export const CANARY_ROLLOUT_ACTIONS = [
  'pause',
  'resume',
  'abort',
  'promote',
  'retry',
  'approve',
] as const;

/** @public */
export type CanaryRolloutAction = (typeof CANARY_ROLLOUT_ACTIONS)[number];

/**
 * The answer to an accepted operator action (HTTP 202): the engine acts on it at its next tick.
 *
 * @public
 */
export interface CanaryRolloutActionResponse {
  action: CanaryRolloutAction;
  /** `cluster/namespace/name` */
  canary: string;
  message: string;
  /** What could not be recorded (the Event, the history row) although the action was applied. */
  warnings?: string[];
}

/**
 * How a Canary releases: weight steps (canary), header/cookie matches for a number of
 * iterations (ab), or all traffic switched after iterations of analysis (bluegreen).
 *
 * @public
 */
export type CanaryStrategy = 'canary' | 'ab' | 'bluegreen';

/**
 * The spec of a Canary as the portal shows it.
 *
 * @public
 */
export interface CanaryRolloutSpec {
  /** False when the spec breaks a rule; `errors` says which, and the engine does not act on it. */
  valid: boolean;
  errors?: string[];
  strategy?: CanaryStrategy;
  targetRef?: CanaryObjectRef;
  interval?: string;
  threshold?: number;
  maxWeight?: number;
  stepWeight?: number;
  iterations?: number;
  /** The canary weights of a canary release, in order (empty for A/B and blue/green). */
  steps: number[];
  /**
   * Argo Rollouts' steps (`analysis.steps`) as written, for a Canary that releases by them; the
   * status' `currentStepIndex` points into this list.
   */
  canarySteps?: CanaryStep[];
  metrics: Array<{
    name: string;
    interval?: string;
    thresholdRange?: { min?: number; max?: number };
  }>;
  skipAnalysis: boolean;
  suspend: boolean;
}

/**
 * The status of a Canary as the portal shows it.
 *
 * @public
 */
export interface CanaryRolloutStatus {
  phase?: CanaryPhase;
  canaryWeight: number;
  failedChecks: number;
  iterations: number;
  reason?: string;
  conditions: CanaryCondition[];
  /** The last measured value of each analysis metric, with its threshold. */
  metrics: CanaryMetricResult[];
  lastTransitionTime?: string;
  /** Who paused the analysis (`delivery.vane.dev/paused-by`); absent when it runs. */
  pausedBy?: string;
  /**
   * The manual gate (a `confirm-*` webhook) the rollout waits at, if any. `approvableInPortal` is
   * true for a gate Vane serves itself (`url: vane://approval`), which the `approve` action opens.
   */
  pendingGate?: CanaryPendingGate;
  /** When the current (or last) rollout of a new revision started; the analysis charts start here. */
  startedAt?: string;
  /**
   * For a Canary with `spec.canarySteps`: the index of the step under way, their number once all
   * are done; absent before the first.
   */
  currentStepIndex?: number;
  /**
   * The pause step holding the rollout: with `endTime` it ends by itself, without it an owner
   * resumes it (the `resume` action) or promotes the rollout.
   */
  stepPause?: CanaryStepPause;
}

/**
 * The webhook types that hold a rollout until they pass: Flagger's manual gates.
 *
 * @public
 */
export type CanaryGateType =
  | 'confirm-rollout'
  | 'confirm-traffic-increase'
  | 'confirm-promotion';

/**
 * A manual gate a rollout waits at.
 *
 * @public
 */
export interface CanaryPendingGate {
  type: CanaryGateType;
  /** The webhook's name. */
  name: string;
  /** True for a gate Vane serves (`url: vane://approval`): the portal's `approve` opens it. */
  approvableInPortal: boolean;
}

/**
 * The container images of one Deployment, in container order.
 *
 * @public
 */
export interface CanaryRolloutImage {
  container: string;
  image: string;
}

/**
 * A Kubernetes Event about a Canary.
 *
 * @public
 */
export interface CanaryRolloutEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  time: string;
  count: number;
}

/**
 * One Canary in one cluster, with everything the entity card, the Rollouts tab and the release
 * overview show.
 *
 * @public
 */
export interface CanaryRollout {
  cluster: string;
  namespace: string;
  name: string;
  /** The catalog entity the Canary belongs to, `kind:namespace/name`. */
  entityRef: string;
  /** The mesh provider the engine routes with (`spec.provider`, the cluster default or discovered). */
  provider?: string;
  spec: CanaryRolloutSpec;
  status: CanaryRolloutStatus;
  images: {
    /** What `<target>-primary` runs: the released version (empty before initialisation). */
    primary: CanaryRolloutImage[];
    /** What the target Deployment runs: the version under analysis. */
    canary: CanaryRolloutImage[];
  };
  /** Recent Events the engine recorded on the Canary, newest first. */
  events: CanaryRolloutEvent[];
}

/**
 * Why some rollouts may be missing from an answer: an unreachable cluster, a malformed
 * annotation on an entity.
 *
 * @public
 */
export interface CanaryRolloutError {
  cluster?: string;
  entityRef?: string;
  message: string;
}

/**
 * `GET /entities/:kind/:namespace/:name/rollouts` and the items of the live stream.
 *
 * @public
 */
export interface EntityRolloutsResponse {
  entityRef: string;
  items: CanaryRollout[];
  errors: CanaryRolloutError[];
}

/**
 * `GET /rollouts`: one page of the rollouts of many entities.
 *
 * @public
 */
export interface RolloutsResponse {
  items: CanaryRollout[];
  /** How many rollouts match the filters, over all pages. */
  totalCount: number;
  offset: number;
  limit: number;
  errors: CanaryRolloutError[];
}
