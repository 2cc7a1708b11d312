import { UnsupportedRoutingError } from '@vane/plugin-canary-node';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One header condition of an HTTPProxy route from Istio's StringMatch: `exact` and `regex` as
 * they are (Envoy matches a regex against the whole value), a `prefix` or `suffix` as the regex
 * that says exactly that (Flagger writes `contains` for both, which matches more).
 */
function headerCondition(
  name: string,
  match: Record<string, unknown>,
  refuse: (what: string) => never,
): Record<string, string> {
  const [kind, value] = Object.entries(match)[0] ?? [];
  if (typeof value !== 'string') refuse(`a ${kind ?? 'missing'} match`);
  const text = value as string;
  if (kind === 'exact') return { name, exact: text };
  if (kind === 'regex') return { name, regex: text };
  if (kind === 'prefix') return { name, regex: `${escapeRegex(text)}.*` };
  if (kind === 'suffix') return { name, regex: `.*${escapeRegex(text)}` };
  return refuse(`a ${kind} match`);
}

/**
 * The conditions of the HTTPProxy routes that send matching requests somewhere, one list per
 * match (any of which selects a request; the conditions of one list hold together), from
 * Flagger's match conditions (Istio HTTPMatchRequests: `analysis.match`, and the step routes as
 * stepRouteMatches writes them). The route's path is `prefix` (`spec.service.match`'s, or `/`)
 * unless a match names its own `uri`, which it may only where the prefix is `/`: an HTTPProxy
 * route has one path condition. The path condition and the first header share the first
 * condition, as Flagger writes them (`{prefix: /, header: {...}}`). Header names are sorted so
 * the same spec always yields the same object. What an HTTPProxy cannot express (a method,
 * query parameters, source labels, ...) is refused with the field that holds it.
 */
export function toContourConditions(
  matches: Array<Record<string, unknown>>,
  field: string,
  prefix: string,
): Array<Array<Record<string, unknown>>> {
  return matches.map((match, index) => {
    const at = `${field}[${index}]`;
    const refuse = (where: string, why: string): never => {
      throw new UnsupportedRoutingError(
        'contour',
        where,
        `${where} is not supported by provider contour: ${why}`,
      );
    };
    let path: Record<string, unknown> = { prefix };
    const headers: Array<Record<string, string>> = [];
    for (const [key, value] of Object.entries(match)) {
      if (key === 'uri') {
        const [kind, text] =
          Object.entries(isRecord(value) ? value : {})[0] ?? [];
        if (
          !['exact', 'prefix', 'regex'].includes(kind ?? '') ||
          typeof text !== 'string'
        ) {
          refuse(
            `${at}.uri`,
            'an HTTPProxy matches a path by exact, prefix or regex',
          );
        }
        if (prefix !== '/') {
          refuse(
            `${at}.uri`,
            `an HTTPProxy route has one path condition, and spec.service.match gives it the prefix ${prefix} already; match the path in one of them`,
          );
        }
        path = { [kind!]: text };
      } else if (key === 'headers') {
        const conditions = isRecord(value) ? value : {};
        for (const name of Object.keys(conditions).sort()) {
          const condition = conditions[name];
          headers.push(
            headerCondition(name, isRecord(condition) ? condition : {}, what =>
              refuse(
                `${at}.headers.${name}`,
                `an HTTPProxy cannot express ${what}; it matches a header exactly or by regex (prefix and suffix become regexes)`,
              ),
            ),
          );
        }
      } else {
        refuse(
          `${at}.${key}`,
          `an HTTPProxy route matches the path and headers only, not ${key}`,
        );
      }
    }
    const [first, ...rest] = headers;
    return [
      { ...path, ...(first ? { header: first } : {}) },
      ...rest.map(header => ({ header })),
    ];
  });
}
