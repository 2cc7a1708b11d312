import {
  AppliedCanaryResponse,
  isRolloutUnderWay,
} from '@vane/plugin-canary-common';

/**
 * Whether an applied Canary is done initialising: `ready` once the engine has taken it over,
 * `failed` with the reason when it cannot (a broken spec, phase Failed), and `waiting`
 * otherwise: an engine error during initialisation is retried every tick, so its reason is
 * reported only if the wait times out.
 */
export function judgeAppliedCanary(
  state: AppliedCanaryResponse,
): { outcome: 'ready' | 'waiting' } | { outcome: 'failed'; reason: string } {
  if (state.specErrors.length) {
    return {
      outcome: 'failed',
      reason: `the engine will not act on its spec: ${state.specErrors.join(
        '; ',
      )}`,
    };
  }
  // The engine marks a spec it refuses with a False condition (reason InvalidSpec).
  const refused = state.conditions.find(
    c => c.status === 'False' && c.reason === 'InvalidSpec',
  );
  if (refused) {
    return {
      outcome: 'failed',
      reason: refused.message ?? state.reason ?? 'the engine refuses its spec',
    };
  }
  if (state.phase === 'Failed') {
    const condition = state.conditions.find(c => c.status === 'False');
    return {
      outcome: 'failed',
      reason:
        state.reason ??
        condition?.message ??
        'the engine reports phase Failed without a reason',
    };
  }
  // Reached only after the initialisation succeeded.
  if (
    state.phase === 'Initialized' ||
    state.phase === 'Succeeded' ||
    isRolloutUnderWay(state.phase)
  ) {
    return { outcome: 'ready' };
  }
  return { outcome: 'waiting' };
}
