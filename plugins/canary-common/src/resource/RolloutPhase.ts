import { CANARY_PHASES, CanaryPhase } from './CanaryPhase';

/**
 * The phases of an Argo Rollout, as Argo Rollouts computes them (`utils/rollout/rolloututil.go`,
 * `GetRolloutPhase`) and `kubectl argo rollouts get rollout` prints them.
 *
 * @public
 */
export const ARGO_ROLLOUT_PHASES = [
  'Healthy',
  'Progressing',
  'Paused',
  'Degraded',
] as const;

/** @public */
export type ArgoRolloutPhase = (typeof ARGO_ROLLOUT_PHASES)[number];

/**
 * The phase of any rollout the portal shows: a Canary's (Vane's and Flagger's share Flagger's
 * phases) or an Argo Rollout's. `Progressing` is both.
 *
 * @public
 */
export type RolloutPhase = CanaryPhase | ArgoRolloutPhase;

/**
 * Every rollout phase, the Canary phases first, for filters and validation.
 *
 * @public
 */
export const ROLLOUT_PHASES: readonly RolloutPhase[] = [
  ...CANARY_PHASES,
  ...ARGO_ROLLOUT_PHASES.filter(
    phase => !(CANARY_PHASES as readonly string[]).includes(phase),
  ),
];
