import type { CanaryStatus } from '@vane/plugin-canary-common';
import { createHash } from 'node:crypto';
import type { DecisionInput } from './decideNextStep';
import type { EngineAction } from './EngineAction';

type SetRoutes = Extract<EngineAction, { type: 'setRoutes' }>;

/** Letters only, as Flagger's cookie values (10 of [a-zA-Z]). */
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A cookie value for one rollout (and one step, for the primary's), derived from what identifies
 * it rather than drawn at random, so the decision stays pure and a tick decided twice (a status
 * write lost, another replica taking over) writes the same routes.
 */
function cookieValue(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 10), byte => LETTERS[byte % 52]).join(
    '',
  );
}

/**
 * What the status keeps of the routes a tick writes, so the routers (functions of the Canary and
 * its status) and the next tick know them without reading the routing objects back:
 * - `mirrored`: whether a copy of the traffic goes to the canary (Flagger reads it from the
 *   routes; Vane keeps it in the status);
 * - the session affinity cookies Flagger keeps in its status (its routers draw them while
 *   writing the routes): while the canary has traffic, the rollout's canary cookie (kept across
 *   its steps) and, with `primaryCookieName`, the primary's cookie of the current step (a new
 *   one each step, as Flagger's docs describe; it lives one interval in the client); once the
 *   routes are back on the primary, the canary cookie becomes the previous one, which the
 *   routes expire in the clients that still send it.
 * The status as it was when the tick writes no routes.
 */
export function statusOfRoutes(
  canary: Pick<DecisionInput, 'name' | 'namespace' | 'spec'>,
  status: CanaryStatus,
  routes: SetRoutes | undefined,
): Partial<CanaryStatus> {
  if (!routes) {
    return {};
  }
  const changes: Partial<CanaryStatus> = {
    mirrored: routes.mirrored ? true : undefined,
  };
  const affinity = canary.spec.analysis.sessionAffinity;
  if (!affinity) {
    return changes;
  }
  const rollout = `${canary.namespace}/${canary.name} ${
    status.startedAt ?? ''
  } ${status.lastAppliedSpec ?? ''}`;
  if (routes.canaryWeight > 0) {
    changes.sessionAffinityCookie =
      status.sessionAffinityCookie ??
      `${affinity.cookieName}=${cookieValue(`canary ${rollout}`)}`;
    changes.primarySessionAffinityCookie = affinity.primaryCookieName
      ? `${affinity.primaryCookieName}=${cookieValue(
          `primary ${rollout} ${status.phase} ${routes.canaryWeight}`,
        )}`
      : undefined;
  } else {
    changes.previousSessionAffinityCookie =
      status.sessionAffinityCookie ?? status.previousSessionAffinityCookie;
    changes.sessionAffinityCookie = undefined;
    changes.primarySessionAffinityCookie = undefined;
  }
  return changes;
}
