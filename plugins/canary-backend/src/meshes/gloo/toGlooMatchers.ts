import { UnsupportedRoutingError } from '@vane/plugin-canary-node';

const CAN =
  "Gloo's RouteTable routes match headers and query parameters exactly or by regex and methods exactly, and take their path from the VirtualService that delegates to them (match the path there)";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A literal as an RE2 regex, for a prefix Gloo can only match by regex. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Translates Flagger's match conditions (Istio HTTPMatchRequests) into Gloo Matchers, one per
 * condition (Gloo takes a request that satisfies any of a route's matchers; Flagger folds every
 * condition's headers into one matcher, which only agrees with Istio for a single condition).
 * A header or query parameter matches exactly (`value`) or by regex (`regex: true`); a prefix is
 * written as the regex it is; a method exactly. Names are sorted so the same spec always yields
 * the same object. Anything else, the path (`uri`) included, is refused with the field holding it:
 * the routes inherit their path from the delegating VirtualService (`inheritablePathMatchers`).
 */
export function toGlooMatchers(
  matches: Array<Record<string, unknown>>,
  field: string,
): Array<Record<string, unknown>> {
  const refuse = (where: string, what: string): never => {
    throw new UnsupportedRoutingError(
      'gloo',
      where,
      `${where} is not supported by provider gloo: ${what}; ${CAN}`,
    );
  };
  const valueMatchers = (
    conditions: unknown,
    at: string,
  ): Array<Record<string, unknown>> => {
    const byName = isRecord(conditions) ? conditions : {};
    return Object.keys(byName)
      .sort()
      .map(name => {
        const condition = isRecord(byName[name]) ? byName[name] : {};
        const [kind, value] = Object.entries(condition)[0] ?? [];
        if (typeof value !== 'string') {
          return refuse(`${at}.${name}`, `a ${kind ?? 'missing'} match`);
        }
        if (kind === 'exact') return { name, value };
        if (kind === 'regex') return { name, value, regex: true };
        if (kind === 'prefix') {
          return { name, value: `${escapeRegex(value)}.*`, regex: true };
        }
        return refuse(`${at}.${name}`, `a ${kind} match`);
      });
  };

  return matches.map((match, index) => {
    const at = `${field}[${index}]`;
    const matcher: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(match)) {
      if (key === 'headers') {
        matcher.headers = valueMatchers(value, `${at}.headers`);
      } else if (key === 'queryParams') {
        matcher.queryParameters = valueMatchers(value, `${at}.queryParams`);
      } else if (key === 'method') {
        const exact = isRecord(value) ? value.exact : undefined;
        if (typeof exact !== 'string') {
          refuse(`${at}.method`, 'a method match other than exact');
        }
        matcher.methods = [exact];
      } else if (key === 'uri') {
        refuse(`${at}.uri`, 'a path match');
      } else {
        refuse(`${at}.${key}`, `a match on ${key}`);
      }
    }
    return matcher;
  });
}
