import type {
  CanaryCondition,
  CanaryMetricResult,
  CanaryObjectRef,
  CanaryStep,
  CanaryStepPause,
} from '../resource/Canary';
import type { RolloutPhase } from '../resource/RolloutPhase';

/**
 * The operator actions on a rollout, `POST .../rollouts/:cluster/:namespace/:canary/:action`.
 * Which ones a rollout takes depends on its controller: Vane's Canaries all but `promote-full` and
 * `restart`; Argo Rollouts `promote`, `promote-full`, `pause`, `resume`, `abort`, `retry` and
 * `restart` (the patches `kubectl argo rollouts` writes); Flagger Canaries `pause` and `resume`
 * (`spec.suspend`).
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
  'promote-full',
  'restart',
] as const;

/** @public */
export type CanaryRolloutAction = (typeof CANARY_ROLLOUT_ACTIONS)[number];

/**
 * What drives a rollout: Vane's engine (`delivery.vane.dev` Canary), Argo Rollouts
 * (`argoproj.io` Rollout) or Flagger (`flagger.app` Canary). Vane only shows the last two, and acts
 * on them through the patches their controllers honour.
 *
 * @public
 */
export const ROLLOUT_CONTROLLERS = [
  'vane',
  'argo-rollouts',
  'flagger',
] as const;

/** @public */
export type RolloutController = (typeof ROLLOUT_CONTROLLERS)[number];

/**
 * The answer to an accepted operator action (HTTP 202): the engine acts on it at its next tick.
 *
 * @public
 */
export interface CanaryRolloutActionResponse {
  action: CanaryRolloutAction;
  /** `cluster/namespace/name` */
  canary: string;
  /** The controller of the rollout acted on, when it is not Vane. */
  controller?: RolloutController;
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
  /** The controller's phase: Flagger's phases for Canaries (Vane's and Flagger's), Argo's for Rollouts. */
  phase?: RolloutPhase;
  canaryWeight: number;
  /** Failed checks of the current analysis (Canaries; 0 for Argo Rollouts, which count none). */
  failedChecks: number;
  iterations: number;
  /**
   * Why the rollout is where it is: Vane's reason for a halt, rollback or failure, the message of
   * a Flagger Canary's conditions, or an Argo Rollout's status message.
   */
  reason?: string;
  conditions: CanaryCondition[];
  /** The last measured value of each analysis metric, with its threshold. */
  metrics: CanaryMetricResult[];
  /** When the phase last changed (an Argo Rollout: when it paused; Argo keeps no other). */
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
  /**
   * What drives the rollout: `vane` for a `delivery.vane.dev` Canary, `flagger` for a
   * `flagger.app` Canary, `argo-rollouts` for an `argoproj.io` Rollout. The fields below mean the
   * same whatever it is; `argoRollouts` holds what only Argo has.
   */
  controller: RolloutController;
  /** The mesh provider the engine routes with (`spec.provider`, the cluster default or discovered). */
  provider?: string;
  spec: CanaryRolloutSpec;
  status: CanaryRolloutStatus;
  images: {
    /**
     * The released version: what `<target>-primary` runs (empty before initialisation); for an
     * Argo Rollout, its stable ReplicaSet.
     */
    primary: CanaryRolloutImage[];
    /** The version under analysis: the target Deployment's; an Argo Rollout's pod template's. */
    canary: CanaryRolloutImage[];
  };
  /** Recent Events on the Canary (Vane's or Flagger's), newest first; none for Argo Rollouts. */
  events: CanaryRolloutEvent[];
  /** What only an Argo Rollout has: its steps, weights, pauses and AnalysisRuns. */
  argoRollouts?: ArgoRolloutDetails;
}

/**
 * An Argo Rollout as `kubectl argo rollouts get rollout` and the Argo dashboard show it.
 *
 * @public
 */
export interface ArgoRolloutDetails {
  strategy: 'canary' | 'blueGreen';
  /** The canary steps in order (empty for blue-green or a canary without steps). */
  steps: ArgoRolloutStep[];
  /**
   * The step the rollout is at (`status.currentStepIndex`, 0 when unset); `steps.length` once all
   * are done. Absent without steps.
   */
  currentStepIndex?: number;
  /** The weight the steps ask for now (Argo's `SetWeight`: 0 once aborted). */
  setWeight: number;
  /** The weight the canary gets (Argo's `ActualWeight`: the traffic router's, else by replicas). */
  actualWeight: number;
  /** `spec.paused`: paused by an operator (`kubectl argo rollouts pause`) until resumed. */
  paused: boolean;
  /** Why the controller paused the rollout (`status.pauseConditions`). */
  pauseConditions: Array<{ reason: string; startTime?: string }>;
  /** `status.abort`: aborted, back on the stable version until retried. */
  aborted: boolean;
  /** The pod template hashes of the stable and the desired ReplicaSets. */
  stableRevision?: string;
  currentRevision?: string;
  replicas: {
    desired: number;
    current: number;
    updated: number;
    ready: number;
    available: number;
  };
  /** `status.restartedAt`: when the pods were last restarted. */
  restartedAt?: string;
  /** The Rollout's AnalysisRuns, newest revision first, as the kubectl plugin orders them. */
  analysisRuns: ArgoAnalysisRunSummary[];
}

/**
 * One canary step of an Argo Rollout.
 *
 * @public
 */
export interface ArgoRolloutStep {
  kind:
    | 'setWeight'
    | 'pause'
    | 'analysis'
    | 'experiment'
    | 'setCanaryScale'
    | 'setHeaderRoute'
    | 'setMirrorRoute'
    | 'plugin'
    | 'invalid';
  /** The step as Argo prints it (`setWeight: 20`, `pause: 30s`, `pause`, `analysis`, ...). */
  description: string;
  setWeight?: number;
  /** A timed pause's duration as written (`30s`, `1h`, or seconds); absent for `pause: {}`. */
  pauseDuration?: string;
}

/**
 * An AnalysisRun owned by an Argo Rollout.
 *
 * @public
 */
export interface ArgoAnalysisRunSummary {
  name: string;
  /** Pending, Running, Successful, Failed, Error or Inconclusive. */
  phase?: string;
  message?: string;
  /** The Rollout revision it analyses (`rollouts.argoproj.io/revision`). */
  revision?: number;
  startedAt?: string;
  completedAt?: string;
  metrics: Array<{
    name: string;
    phase?: string;
    successCondition?: string;
    failureCondition?: string;
    /** Measurements taken, and of them how many succeeded, failed, were inconclusive or errors. */
    count: number;
    successful: number;
    failed: number;
    inconclusive: number;
    error: number;
    /** The newest measurement's value and phase. */
    lastValue?: string;
    lastPhase?: string;
    message?: string;
  }>;
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
