import type { CanaryWebhookType } from '@vane/plugin-canary-common';
import type {
  CheckResults,
  MetricCheckResult,
  PlannedCheck,
  WebhookResult,
} from './CheckResults';
import type { DecisionInput } from './decideNextStep';
import type { ObservedWorld } from './ObservedWorld';
import { planChecks } from './planChecks';

/**
 * Runs the checks the decision reads this tick, one at a time in its order, planning again after
 * each result: a rollback hook that asks for a rollback, or a failed metric, ends the tick's
 * checks there, as Flagger's scheduler stops at the check that decides.
 */
export async function runPlannedChecks(
  canary: DecisionInput,
  observed: ObservedWorld,
  run: {
    webhooks(type: CanaryWebhookType): Promise<WebhookResult[]>;
    metrics(): Promise<MetricCheckResult[]>;
  },
): Promise<CheckResults> {
  const measured: CheckResults = { webhooks: {} };
  for (;;) {
    const next = planChecks(canary, observed, measured).find(
      check => !isMeasured(measured, check),
    );
    if (next === undefined) {
      return measured;
    }
    if (next === 'metrics') {
      measured.metrics = await run.metrics();
    } else {
      measured.webhooks[next] = await run.webhooks(next);
    }
  }
}

function isMeasured(measured: CheckResults, check: PlannedCheck) {
  return check === 'metrics'
    ? measured.metrics !== undefined
    : measured.webhooks[check] !== undefined;
}
