import type {
  CanaryHeaderRoute,
  CanaryMirrorRoute,
  CanaryStringMatch,
} from '@vane/plugin-canary-common';

/**
 * The matches of an Argo Rollouts step route (setHeaderRoute, setMirrorRoute) as Istio
 * HTTPMatchRequests, the form of Flagger's match conditions that every router reads (Istio
 * writes them as they are, Gateway API translates them): one per entry of `match`, any of which
 * selects a request, as Argo Rollouts' Istio router writes them.
 */
export function stepRouteMatches(
  route: CanaryHeaderRoute | CanaryMirrorRoute,
): Array<Record<string, unknown>> {
  return (route.match ?? []).map(match => {
    if ('headerName' in match) {
      return {
        headers: { [match.headerName]: stringMatch(match.headerValue) },
      };
    }
    return {
      ...(match.method ? { method: stringMatch(match.method) } : {}),
      ...(match.path ? { uri: stringMatch(match.path) } : {}),
      ...(match.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(match.headers).map(([name, value]) => [
                name,
                stringMatch(value),
              ]),
            ),
          }
        : {}),
    };
  });
}

/** The one kind of match a StringMatch sets, as Istio's StringMatch takes it. */
function stringMatch(match: CanaryStringMatch): Record<string, string> {
  if (match.exact !== undefined) return { exact: match.exact };
  if (match.prefix !== undefined) return { prefix: match.prefix };
  return { regex: match.regex ?? '' };
}
