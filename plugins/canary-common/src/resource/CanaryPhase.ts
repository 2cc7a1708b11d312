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
