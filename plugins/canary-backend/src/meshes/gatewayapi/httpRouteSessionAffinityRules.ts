import type { StickyCookie } from '../../routers/readSessionAffinity';

type Rule = Record<string, any>;

/**
 * The filters with the cookie's Set-Cookie added: to the ResponseHeaderModifier already there
 * (`spec.service.headers.response`), since Gateway API allows one per rule or backendRef, else
 * in a new one.
 */
function settingCookie(filters: Rule[] | undefined, cookie: StickyCookie) {
  const setCookie = { name: 'Set-Cookie', value: cookie.setCookie };
  const existing = (filters ?? []).find(
    f => f.type === 'ResponseHeaderModifier',
  );
  if (!existing) {
    return [
      ...(filters ?? []),
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: { add: [setCookie] },
      },
    ];
  }
  return filters!.map(f =>
    f === existing
      ? {
          ...f,
          responseHeaderModifier: {
            ...f.responseHeaderModifier,
            add: [...(f.responseHeaderModifier?.add ?? []), setCookie],
          },
        }
      : f,
  );
}

/** The rule's matches, each also requiring the cookie in the request's Cookie header. */
function carrying(matches: Rule[], cookie: StickyCookie): Rule[] {
  return matches.map(match => ({
    ...match,
    headers: [
      ...(match.headers ?? []),
      { type: 'RegularExpression', name: 'Cookie', value: cookie.cookieRegex },
    ],
  }));
}

/**
 * The rules of an HTTPRoute with session affinity, as Flagger's Gateway API router writes them,
 * from its weighted rule (backendRefs primary then canary):
 * - the canary has traffic (`canary`): the weighted rule's canary backendRef sets the canary's
 *   cookie (a ResponseHeaderModifier filter), and (`primary`) its primary backendRef the
 *   primary's; before it, a rule sends requests carrying the canary's cookie to the canary, then
 *   one sends those carrying the primary's to the primary (their header match also makes them
 *   the more specific rules, which Gateway API matches first);
 * - the canary has none (`previous`): before the weighted rule, one for requests still carrying
 *   the last run's cookie routes them alike and expires the cookie.
 */
export function httpRouteSessionAffinityRules(
  weighted: Rule,
  cookies: {
    canary?: StickyCookie;
    primary?: StickyCookie;
    previous?: StickyCookie;
  },
): Rule[] {
  const { canary, primary, previous } = cookies;
  const [primaryRef, canaryRef] = weighted.backendRefs as Rule[];
  const weighing = (weights: [number, number]) => [
    { ...primaryRef, weight: weights[0] },
    { ...canaryRef, weight: weights[1] },
  ];
  const withFilter = (ref: Rule, cookie: StickyCookie | undefined) =>
    cookie ? { ...ref, filters: settingCookie(ref.filters, cookie) } : ref;
  if (canary) {
    return [
      {
        ...weighted,
        matches: carrying(weighted.matches, canary),
        backendRefs: weighing([0, 100]),
      },
      ...(primary
        ? [
            {
              ...weighted,
              matches: carrying(weighted.matches, primary),
              backendRefs: weighing([100, 0]),
            },
          ]
        : []),
      {
        ...weighted,
        backendRefs: [
          withFilter(primaryRef, primary),
          withFilter(canaryRef, canary),
        ],
      },
    ];
  }
  if (previous) {
    return [
      {
        ...weighted,
        matches: carrying(weighted.matches, previous),
        filters: settingCookie(weighted.filters, previous),
      },
      weighted,
    ];
  }
  return [weighted];
}
