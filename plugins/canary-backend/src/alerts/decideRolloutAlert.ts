import type { CanaryRolloutAlert } from '@vane/plugin-canary-node';
import type { CanaryStatus, CanaryWebhook } from '@vane/plugin-canary-common';
import { rolloutHistoryChange } from '../history/rolloutHistoryChange';

/**
 * The alert a status transition raises, if any (pure, like the decision it follows): a new
 * revision's analysis starting (info), a rollout waiting at a manual gate or held at a `pause: {}`
 * step (warn: someone has to act), a promotion finished (info), a rollback (error, with the
 * reason). A gate whose webhook
 * sets `muteAlert` raises none, as in Flagger, where muteAlert silences exactly the "waiting for
 * approval" alerts of the confirm-* webhooks (the Event is still recorded).
 */
export function decideRolloutAlert(
  canary: { cluster: string; namespace: string; name: string },
  previous: CanaryStatus,
  next: CanaryStatus,
  /** The Canary's `analysis.webhooks`, for their `muteAlert`. */
  webhooks: ReadonlyArray<
    Pick<CanaryWebhook, 'name' | 'type' | 'muteAlert'>
  > = [],
): CanaryRolloutAlert | undefined {
  const base = {
    ...canary,
    phase: next.phase ?? '',
    canaryWeight: next.canaryWeight ?? 0,
  };
  const id = `${canary.name}.${canary.namespace}`;
  const change = rolloutHistoryChange(previous, next);
  if (change?.kind === 'started') {
    return {
      ...base,
      severity: 'info',
      message: `New revision detected, progressing canary analysis of ${id}.`,
    };
  }
  if (change?.kind === 'ended') {
    return change.result === 'Succeeded'
      ? {
          ...base,
          severity: 'info',
          message: `Canary analysis of ${id} completed successfully, promotion finished.`,
        }
      : {
          ...base,
          severity: 'error',
          message: `Canary analysis of ${id} failed, rolled back to the primary.`,
          ...(change.reason ? { reason: change.reason } : {}),
        };
  }
  // A pause step without duration holds the rollout until an owner acts, as a manual gate does.
  const pause = next.stepPause;
  if (
    pause &&
    !pause.endTime &&
    !(
      previous.stepPause?.step === pause.step &&
      previous.stepPause.startTime === pause.startTime
    )
  ) {
    return {
      ...base,
      severity: 'warn',
      message: `${id} is paused at step ${
        pause.step + 1
      } until an owner resumes it: resume, promote or abort it on the Canary in Backstage.`,
    };
  }
  const gate = next.gate;
  const sameGate =
    gate &&
    previous.gate?.type === gate.type &&
    previous.gate.name === gate.name &&
    previous.gate.revision === gate.revision &&
    previous.gate.canaryWeight === gate.canaryWeight;
  const muted = webhooks.some(
    webhook =>
      webhook.muteAlert === true &&
      webhook.name === gate?.name &&
      webhook.type === gate?.type,
  );
  if (gate && !sameGate && !muted) {
    return {
      ...base,
      severity: 'warn',
      message: `${id} is waiting for approval at its ${gate.type} gate ${
        gate.name
      }${
        gate.servedByVane
          ? ': approve or abort it on the Canary in Backstage'
          : ''
      }.`,
    };
  }
  return undefined;
}
