import { UnsupportedRoutingError } from '@vane/plugin-canary-node';

const PATH_TYPES: Record<string, string> = {
  exact: 'Exact',
  prefix: 'PathPrefix',
  regex: 'RegularExpression',
};
const VALUE_TYPES: Record<string, string> = {
  exact: 'Exact',
  regex: 'RegularExpression',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Translates Flagger's match conditions (Istio HTTPMatchRequests: `headers`, `queryParams`,
 * `uri`, `method`) into Gateway API HTTPRouteMatches. Names are sorted so the same spec always
 * yields the same object. Conditions Gateway API cannot express (a header `prefix`,
 * `sourceLabels`, ...) are refused with the field that holds them.
 */
export function toHttpRouteMatches(
  matches: Array<Record<string, unknown>>,
  field: string,
): Array<Record<string, unknown>> {
  const refuse = (where: string, what: string): never => {
    throw new UnsupportedRoutingError(
      'gatewayapi',
      where,
      `${where} is not supported by provider gatewayapi: Gateway API cannot express ${what}; it matches headers and query parameters by exact or regex, paths by exact, prefix or regex, and methods exactly`,
    );
  };

  return matches.map((match, index) => {
    const at = `${field}[${index}]`;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(match)) {
      if (key === 'uri') {
        const [kind, pathValue] =
          Object.entries(isRecord(value) ? value : {})[0] ?? [];
        if (!kind || !PATH_TYPES[kind]) refuse(`${at}.uri`, 'this uri match');
        result.path = { type: PATH_TYPES[kind!], value: pathValue };
      } else if (key === 'method') {
        const exact = isRecord(value) ? value.exact : undefined;
        if (typeof exact !== 'string') {
          refuse(`${at}.method`, 'a method match other than exact');
        }
        result.method = exact;
      } else if (key === 'headers' || key === 'queryParams') {
        const conditions = isRecord(value) ? value : {};
        result[key] = Object.keys(conditions)
          .sort()
          .map(name => {
            const condition = conditions[name];
            const [kind, conditionValue] =
              Object.entries(isRecord(condition) ? condition : {})[0] ?? [];
            if (!kind || !VALUE_TYPES[kind]) {
              refuse(`${at}.${key}.${name}`, `a ${kind ?? 'missing'} match`);
            }
            return { type: VALUE_TYPES[kind!], name, value: conditionValue };
          });
      } else {
        refuse(`${at}.${key}`, `a match on ${key}`);
      }
    }
    return result;
  });
}
