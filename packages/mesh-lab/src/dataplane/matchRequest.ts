import { RequestMatch, SimRequest, StringMatch } from './RouteTable';

export function matchString(value: string | undefined, match: StringMatch): boolean {
  if (value === undefined) return false;
  if ('exact' in match) return value === match.exact;
  if ('prefix' in match) return value.startsWith(match.prefix);
  return match.regex.test(value);
}

/** Whether a request satisfies a rule's match list (empty list: always). */
export function matchRequest(matches: readonly RequestMatch[], request: SimRequest): boolean {
  if (matches.length === 0) return true;
  return matches.some(
    m =>
      (!m.method || m.method.toUpperCase() === request.method.toUpperCase()) &&
      (!m.path || matchString(request.path.split('?')[0], m.path)) &&
      (m.headers ?? []).every(h => matchString(request.headers[h.name], h.match)) &&
      (m.query ?? []).every(q => matchString(queryParameter(request.path, q.name), q.match)),
  );
}

/** The first value of a query parameter of a request path, decoded; undefined when absent. */
function queryParameter(path: string, name: string): string | undefined {
  const query = path.split('?')[1];
  return query === undefined ? undefined : new URLSearchParams(query).get(name) ?? undefined;
}
