import type { PlannedAction, RefusedAction } from './PlannedAction';

/** The actions on a Flagger Canary: Flagger's API for operators is `spec.suspend`. */
export const FLAGGER_CANARY_ACTIONS = ['pause', 'resume'] as const;

/** Where Flagger's own gates are documented: they are how Flagger is promoted, held or rolled back. */
export const FLAGGER_GATES_URL =
  'https://docs.flagger.app/usage/webhooks#manual-gating';

/**
 * What an action on a Flagger Canary writes: `spec.suspend` (Flagger's scheduler skips a
 * suspended Canary: no step, no check, no rollback) set to true to pause and to false to resume, as a JSON
 * merge patch of the Canary. Flagger has no API to promote, abort, retry or approve a Canary:
 * those go through its manual gating webhooks (confirm-rollout, confirm-promotion, rollback, e.g.
 * flagger-loadtester's /gate/open and /rollback/open), so the portal refuses them and says so.
 */
export function planFlaggerCanaryAction(options: {
  action: string;
  canary: { spec?: { suspend?: boolean } };
  user: string;
}): PlannedAction | RefusedAction {
  const { action, canary, user } = options;
  const suspended = canary.spec?.suspend === true;
  switch (action) {
    case 'pause':
      if (suspended)
        return { conflict: 'The Canary is already suspended (spec.suspend)' };
      return {
        object: { spec: { suspend: true } },
        message: `Suspended by ${user}`,
      };
    case 'resume':
      if (!suspended)
        return { conflict: 'The Canary is not suspended (spec.suspend)' };
      return {
        object: { spec: { suspend: false } },
        message: `Resumed by ${user}`,
      };
    default:
      return {
        invalid: `Flagger has no API to ${action} a Canary: the portal can only suspend and resume it (spec.suspend); promote, abort and approve it through Flagger's manual gating webhooks (${FLAGGER_GATES_URL})`,
      };
  }
}
