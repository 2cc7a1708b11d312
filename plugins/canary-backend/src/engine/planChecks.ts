import type {
  CanaryStatus,
  CanaryWebhookType,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import { classifyRevision } from './classifyRevision';
import { isPaused } from './isPaused';
import type { ObservedWorld } from './ObservedWorld';

/** Which checks the engine must run before deciding this tick. */
export interface PlannedChecks {
  webhookTypes: CanaryWebhookType[];
  metrics: boolean;
}

/**
 * Decides, from the same inputs as the decision, which webhooks and metrics must be measured this
 * tick. Pure: the engine runs what it says, then calls decideNextStep with the results.
 */
export function planChecks(
  spec: ValidCanarySpec,
  status: CanaryStatus,
  observed: ObservedWorld,
): PlannedChecks {
  const none: PlannedChecks = { webhookTypes: [], metrics: false };
  if (spec.suspend || !observed.target.exists || isPaused(status, observed)) {
    return none;
  }
  const phase = status.phase;
  const revision = classifyRevision(status, observed);
  const restarting = revision !== 'current';

  if (phase === 'Waiting' || (revision === 'new' && isIdle(phase))) {
    return { webhookTypes: ['confirm-rollout'], metrics: false };
  }
  if (phase === 'WaitingPromotion') {
    return { webhookTypes: ['confirm-promotion'], metrics: false };
  }
  if (phase !== 'Progressing' || restarting || !observed.target.ready) {
    return none;
  }
  if ((status.failedChecks ?? 0) >= spec.analysis.threshold) {
    return none;
  }
  if (spec.skipAnalysis) {
    return { webhookTypes: ['rollback'], metrics: false };
  }
  const started =
    spec.analysis.iterations !== undefined
      ? (status.iterations ?? 0) > 0
      : (status.canaryWeight ?? 0) > 0;
  if (!started) {
    return { webhookTypes: ['rollback', 'pre-rollout'], metrics: false };
  }
  return {
    webhookTypes: [
      'rollback',
      'rollout',
      'confirm-traffic-increase',
      'confirm-promotion',
    ],
    metrics: true,
  };
}

function isIdle(phase: CanaryStatus['phase']): boolean {
  return phase === 'Initialized' || phase === 'Succeeded' || phase === 'Failed';
}
