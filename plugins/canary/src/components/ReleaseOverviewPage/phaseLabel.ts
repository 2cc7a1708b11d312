import type { ReleasePhase } from './toReleaseRow';

/** How a phase reads on the page: its name, and `Not initialised` before the engine's first look. */
export function phaseLabel(phase: ReleasePhase): string {
  return phase === 'NotInitialised' ? 'Not initialised' : phase;
}
