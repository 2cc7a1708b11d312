import type { CanaryStatus } from '@vane/plugin-canary-common';
import type { ObservedWorld } from './ObservedWorld';

/**
 * How the target's revision relates to the rollout state:
 * - `current`: the revision the engine last acted on (or not known yet);
 * - `new`: a revision to roll out;
 * - `reverted`: back to the last promoted revision, which the primary already runs: not a new
 *   rollout, and any rollout under way is cancelled.
 */
export function classifyRevision(
  status: CanaryStatus,
  observed: ObservedWorld,
): 'current' | 'new' | 'reverted' {
  const revision = observed.target.revision;
  if (
    !revision ||
    !status.lastAppliedSpec ||
    revision === status.lastAppliedSpec
  ) {
    return 'current';
  }
  return revision === status.lastPromotedSpec ? 'reverted' : 'new';
}
