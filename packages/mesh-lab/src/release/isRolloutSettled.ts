/**
 * Phases in which a Canary waits for the next revision: no rollout under way, so the release
 * driver may start one. Every other phase (Progressing, WaitingPromotion, a paused or gated
 * rollout, Initializing, ...) means wait.
 */
const SETTLED_PHASES = new Set(['Initialized', 'Succeeded', 'Failed']);

/** True when the Canary's phase says no rollout is under way. */
export function isRolloutSettled(phase: string | undefined): boolean {
  return phase !== undefined && SETTLED_PHASES.has(phase);
}
