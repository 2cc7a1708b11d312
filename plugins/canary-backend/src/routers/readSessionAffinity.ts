import { type Canary, parseDuration } from '@vane/plugin-canary-common';

/** One session affinity cookie as the routes carry it. */
export interface StickyCookie {
  /** The `Set-Cookie` response header that gives (or, for the previous one, expires) it. */
  setCookie: string;
  /** A regex (RE2, whole value) matching a `Cookie` request header that carries it. */
  cookieRegex: string;
}

/**
 * The cookies the routes of a Canary with `analysis.sessionAffinity` carry for a canary weight,
 * from the Canary's status (the engine decides them; see statusOfRoutes):
 * - while the canary has traffic, `canary`: set on the canary's answers (Max-Age `maxAge`,
 *   default a day), and requests carrying it go to the canary; with `primaryCookieName`,
 *   `primary`: set on the primary's answers for one analysis interval, and requests carrying it
 *   stay on the primary;
 * - once the canary has no traffic, `previous`: the last run's canary cookie, which the routes
 *   expire (Max-Age -1) in the clients that still send it.
 * Undefined without session affinity.
 */
export function readSessionAffinity(
  canary: Canary,
  canaryWeight: number,
):
  | { canary?: StickyCookie; primary?: StickyCookie; previous?: StickyCookie }
  | undefined {
  const spec = canary.spec as any;
  const analysis = spec?.analysis ?? spec?.canaryAnalysis ?? {};
  const affinity = analysis.sessionAffinity;
  if (typeof affinity !== 'object' || affinity === null) {
    return undefined;
  }
  const status = canary.status ?? {};
  // Flagger's SessionAffinity.BuildCookie: the cookie, Max-Age, then the attributes set.
  const attributes = [
    ...(affinity.domain ? [`Domain=${affinity.domain}`] : []),
    ...(affinity.httpOnly ? ['HttpOnly'] : []),
    ...(affinity.partitioned ? ['Partitioned'] : []),
    ...(affinity.path ? [`Path=${affinity.path}`] : []),
    ...(affinity.sameSite ? [`SameSite=${affinity.sameSite}`] : []),
    ...(affinity.secure ? ['Secure'] : []),
  ];
  const sticky = (
    cookie: string | undefined,
    maxAge: number,
    withAttributes: string[],
  ): StickyCookie | undefined =>
    cookie
      ? {
          setCookie: [cookie, `Max-Age=${maxAge}`, ...withAttributes].join(
            '; ',
          ),
          cookieRegex: cookieRegex(cookie),
        }
      : undefined;

  if (canaryWeight > 0) {
    const intervalSeconds = Math.round(
      parseDuration(String(analysis.interval ?? '1m')) / 1000,
    );
    return {
      canary: sticky(
        status.sessionAffinityCookie,
        affinity.maxAge || 86400,
        attributes,
      ),
      primary: affinity.primaryCookieName
        ? sticky(
            status.primarySessionAffinityCookie,
            intervalSeconds,
            attributes,
          )
        : undefined,
    };
  }
  // A client deletes a cookie only for the Domain and Path it was set with: the expiry names
  // them (Flagger's sends Max-Age alone, which leaves a cookie set with a Path in place).
  return {
    previous: sticky(
      status.previousSessionAffinityCookie,
      -1,
      attributes.filter(a => a.startsWith('Domain=') || a.startsWith('Path=')),
    ),
  };
}

/**
 * `name=value` among the cookies of a Cookie header, and nothing else: Flagger's `.*name.*value.*`
 * would also take `xname=...` or a value that merely contains this one.
 */
function cookieRegex(cookie: string): string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `^(.*;\\s*)?${escape(cookie)}(;.*)?$`;
}
