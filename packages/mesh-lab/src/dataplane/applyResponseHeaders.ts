import type { ResponseHeaderOperations } from './RouteTable';

/**
 * The headers of an answer once the routes that carried it have changed them, in the order
 * given: the destination's (or backendRef's) operations first, then the route rule's, as Envoy
 * applies weighted-cluster headers before route headers. Each step removes, then sets (replacing
 * every value of the name), then adds (a repeated name such as Set-Cookie gets one more value).
 *
 * @param answer - the backend's own headers, names lower-case.
 */
export function applyResponseHeaders(
  answer: Array<[string, string]>,
  operations: Array<ResponseHeaderOperations | undefined>,
): Array<[string, string]> {
  let headers = answer;
  for (const step of operations) {
    if (!step) continue;
    const replaced = new Set([...(step.remove ?? []), ...(step.set ?? []).map(([name]) => name)]);
    headers = [
      ...headers.filter(([name]) => !replaced.has(name)),
      ...(step.set ?? []),
      ...(step.add ?? []),
    ];
  }
  return headers;
}
