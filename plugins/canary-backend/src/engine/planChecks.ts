import { CheckReads } from './CheckReads';
import type { CheckResults, PlannedCheck } from './CheckResults';
import { decideNextStep, type DecisionInput } from './decideNextStep';
import type { ObservedWorld } from './ObservedWorld';

const NOTHING_MEASURED: CheckResults = { webhooks: {} };

/**
 * The checks decideNextStep reads this tick, in the order it reads them, given the results
 * measured so far; one not measured yet is taken as passed, the outcome under which the decision
 * reads the most. Derived from the decision itself (it runs it and records its reads), so a check
 * can only be asked where the decision reads it. Pure.
 *
 * The engine measures the first planned check not measured yet and plans again, until the plan
 * holds nothing new (runPlannedChecks): as in Flagger, a check is asked only when the checks
 * before it let the tick get that far (no confirm-traffic-increase after a failed metric).
 */
export function planChecks(
  canary: DecisionInput,
  observed: ObservedWorld,
  measuredSoFar: CheckResults = NOTHING_MEASURED,
): readonly PlannedCheck[] {
  const reads = CheckReads.planning(measuredSoFar);
  decideNextStep(canary, observed, reads);
  return reads.read;
}
