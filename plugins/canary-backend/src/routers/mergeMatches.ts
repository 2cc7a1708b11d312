/**
 * Each condition that sends a request to the canary (A/B, a step's header route) combined with
 * each of the Service's own conditions (a URI prefix, say), so the canary gets only requests that
 * match both; as Flagger's mergeMatchConditions.
 */
export function mergeMatches(
  conditions: Array<Record<string, unknown>>,
  service: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
  if (service.length === 0) return conditions;
  return conditions.flatMap(c => service.map(s => ({ ...s, ...c })));
}
