/**
 * The phases of a Canary, with Flagger's names and meanings so `kubectl get canaries` reads the
 * same as with Flagger.
 *
 * @public
 */
export const CANARY_PHASES = [
  'Initializing',
  'Initialized',
  'Waiting',
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
  'Succeeded',
  'Failed',
  'Terminating',
  'Terminated',
] as const;

/** @public */
export type CanaryPhase = (typeof CANARY_PHASES)[number];

/**
 * Phases in which no rollout is under way: the engine only waits for a new revision.
 *
 * @public
 */
export function isTerminalPhase(phase: CanaryPhase): boolean {
  return (
    phase === 'Initialized' ||
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    phase === 'Terminated'
  );
}

/**
 * Phases a rollout of a new revision passes through before it ends (Succeeded or Failed).
 *
 * @public
 */
export function isRolloutUnderWay(phase: string | undefined): boolean {
  return (
    phase === 'Waiting' ||
    phase === 'Progressing' ||
    phase === 'WaitingPromotion' ||
    phase === 'Promoting' ||
    phase === 'Finalising'
  );
}

/**
 * Phases in which the analysis, or a gate before or after it, is under way: the ones operators
 * may pause, promote or abort, by the same rule in the backend (409 otherwise) and the buttons.
 *
 * @public
 */
export function isAnalysisUnderWay(phase: string | undefined): boolean {
  return (
    phase === 'Waiting' ||
    phase === 'Progressing' ||
    phase === 'WaitingPromotion'
  );
}
