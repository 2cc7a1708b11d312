import type { CanaryStatus } from '@vane/plugin-canary-common';
import { classifyRevision } from './classifyRevision';
import type { ObservedWorld } from './ObservedWorld';

/**
 * Whether an operator's pause holds the Canary this tick: an analysis or a gate under way stays
 * where it is (no step, no check, no failure counted), and a new revision does not start. What
 * is already committed (initialisation, promotion, finalising) runs to its end.
 */
export function isPaused(
  status: CanaryStatus,
  observed: ObservedWorld,
): boolean {
  if (!observed.operator?.pausedBy) {
    return false;
  }
  switch (status.phase) {
    case 'Progressing':
    case 'Waiting':
    case 'WaitingPromotion':
      return true;
    case 'Initialized':
    case 'Succeeded':
    case 'Failed':
      return classifyRevision(status, observed) === 'new';
    default:
      return false;
  }
}
