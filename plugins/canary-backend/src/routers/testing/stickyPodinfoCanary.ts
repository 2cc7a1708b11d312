import type {
  Canary,
  CanarySessionAffinity,
  CanaryStatus,
} from '@vane/plugin-canary-common';
import { podinfoCanary } from './podinfoCanary';

/**
 * podinfoCanary() with session affinity (by default Flagger's docs' example: flagger-cookie for
 * six hours and a primary cookie; the interval is one minute) and the status whose cookies its
 * routes carry.
 */
export function stickyPodinfoCanary(
  status: CanaryStatus,
  sessionAffinity: CanarySessionAffinity = {
    cookieName: 'flagger-cookie',
    primaryCookieName: 'primary-flagger-cookie',
    maxAge: 21600,
  },
  service: Record<string, unknown> = {},
): Canary {
  return {
    ...podinfoCanary({ analysis: { sessionAffinity }, service }),
    status,
  };
}
