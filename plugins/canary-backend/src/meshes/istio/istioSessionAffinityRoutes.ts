import type { StickyCookie } from '../../routers/readSessionAffinity';

type HttpRoute = Record<string, any>;

const SET_COOKIE = 'Set-Cookie';

/** The route's conditions, each also requiring the cookie in the request's Cookie header. */
function carrying(
  cookie: StickyCookie,
  serviceMatch: Array<Record<string, any>>,
): Array<Record<string, any>> {
  const cookieHeader = { cookie: { regex: cookie.cookieRegex } };
  return (serviceMatch.length > 0 ? serviceMatch : [{}]).map(match => ({
    ...match,
    headers: { ...match.headers, ...cookieHeader },
  }));
}

/** Headers with `Set-Cookie` added to the response's (Istio's HeaderOperations). */
function settingCookie(
  headers: Record<string, any> | undefined,
  cookie: StickyCookie,
) {
  return {
    ...headers,
    response: {
      ...headers?.response,
      add: { ...headers?.response?.add, [SET_COOKIE]: cookie.setCookie },
    },
  };
}

/**
 * The HTTP routes of a VirtualService with session affinity, as Flagger's Istio router writes
 * them, from its weighted route (matching `serviceMatch`, with the Service's route options):
 * - the canary has traffic (`canary`): the weighted route's canary destination sets the
 *   canary's cookie, and (`primary`) its primary destination the primary's; before it, a route
 *   sends requests carrying the canary's cookie to the canary, then one sends those carrying
 *   the primary's to the primary;
 * - the canary has none (`previous`): before the weighted route, one for requests still carrying
 *   the last run's cookie routes them alike and expires the cookie.
 * Mirroring, when the weighted route has it, applies to every route (Flagger's puts it on the
 * first route alone, which is the expiring one once a run is over).
 */
export function istioSessionAffinityRoutes(
  weighted: HttpRoute,
  cookies: {
    canary?: StickyCookie;
    primary?: StickyCookie;
    previous?: StickyCookie;
  },
  names: { primaryName: string; canaryName: string },
  serviceMatch: Array<Record<string, unknown>>,
): HttpRoute[] {
  const { primaryName, canaryName } = names;
  const { canary, primary, previous } = cookies;
  if (canary) {
    // The weighted route's destinations (ports included) with other weights.
    const destinations = (weights: [number, number]) =>
      weighted.route.map((entry: HttpRoute) => ({
        destination: entry.destination,
        weight: entry.destination.host === canaryName ? weights[1] : weights[0],
      }));
    const setting = weighted.route.map((destination: HttpRoute) => {
      const cookie =
        destination.destination.host === canaryName
          ? canary
          : destination.destination.host === primaryName && primary;
      return cookie
        ? {
            ...destination,
            headers: settingCookie(destination.headers, cookie),
          }
        : destination;
    });
    return [
      {
        ...weighted,
        match: carrying(canary, serviceMatch),
        route: destinations([0, 100]),
      },
      ...(primary
        ? [
            {
              ...weighted,
              match: carrying(primary, serviceMatch),
              route: destinations([100, 0]),
            },
          ]
        : []),
      { ...weighted, route: setting },
    ];
  }
  if (previous) {
    return [
      {
        ...weighted,
        match: carrying(previous, serviceMatch),
        headers: settingCookie(weighted.headers, previous),
      },
      weighted,
    ];
  }
  return [weighted];
}
