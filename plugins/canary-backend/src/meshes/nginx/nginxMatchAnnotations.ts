import { UnsupportedRoutingError } from '@vane/plugin-canary-node';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ONE_HEADER =
  'ingress-nginx sends to the canary the requests with one header (canary-by-header) or one cookie (canary-by-cookie), either of them';

/**
 * The canary annotations (without prefix) of one header condition: `canary-by-header` and
 * `canary-by-header-value` for an exact value, `canary-by-header-pattern` for a regex (a prefix
 * or suffix written as one, `^...` or `...$`: ingress-nginx searches the value with PCRE).
 */
function headerAnnotations(
  name: string,
  condition: Record<string, unknown>,
  refuse: (what: string) => never,
): Record<string, string> {
  const [kind, value] = Object.entries(condition)[0] ?? [];
  if (typeof value !== 'string') refuse(`a ${kind ?? 'missing'} match`);
  const pattern: Record<string, string> = {
    regex: value as string,
    prefix: `^${escapeRegex(value as string)}`,
    suffix: `${escapeRegex(value as string)}$`,
  };
  if (kind === 'exact') {
    return {
      'canary-by-header': name,
      'canary-by-header-value': value as string,
    };
  }
  if (kind! in pattern) {
    return {
      'canary-by-header': name,
      'canary-by-header-pattern': pattern[kind!],
    };
  }
  return refuse(`a ${kind} match`);
}

/**
 * The ingress-nginx canary annotations (names without the `nginx.ingress.kubernetes.io/`
 * prefix) that send the requests of Flagger's `analysis.match` to the canary, as Flagger's
 * nginx router writes them: a `cookie` condition names the cookie (`exact`), which sends a
 * request to the canary when its value is `always` (`canary-by-cookie`); any other header
 * condition is `canary-by-header` with its exact value or pattern. ingress-nginx takes one
 * header and one cookie, either of which sends a request to the canary, so each match entry
 * must hold one condition, at most one header and one cookie in all; anything else is refused
 * with the field that holds it.
 */
export function nginxMatchAnnotations(
  matches: Array<Record<string, unknown>>,
  field: string,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  matches.forEach((match, index) => {
    const at = `${field}[${index}]`;
    const refuse = (where: string, why: string): never => {
      throw new UnsupportedRoutingError(
        'nginx',
        where,
        `${where} is not supported by provider nginx: ${why}`,
      );
    };
    for (const key of Object.keys(match)) {
      if (key !== 'headers') {
        refuse(`${at}.${key}`, `${ONE_HEADER}; it cannot match on ${key}`);
      }
    }
    const headers = isRecord(match.headers) ? match.headers : {};
    const names = Object.keys(headers);
    if (names.length !== 1) {
      refuse(
        `${at}.headers`,
        `${ONE_HEADER}, so each match entry holds one header or cookie condition (got ${names.length})`,
      );
    }
    const name = names[0].toLowerCase();
    const value = headers[names[0]];
    const condition: Record<string, unknown> = isRecord(value) ? value : {};
    const where = `${at}.headers.${names[0]}`;
    if (name === 'cookie') {
      if (annotations['canary-by-cookie'] !== undefined) {
        refuse(where, `${ONE_HEADER}, and this is a second cookie`);
      }
      if (typeof condition.exact !== 'string' || condition.exact === '') {
        refuse(
          where,
          "ingress-nginx routes by a cookie's name (canary-by-cookie: a request whose cookie of that name is `always` goes to the canary); write the cookie's name as exact, e.g. cookie: {exact: canary}",
        );
      }
      annotations['canary-by-cookie'] = condition.exact as string;
      return;
    }
    if (annotations['canary-by-header'] !== undefined) {
      refuse(where, `${ONE_HEADER}, and this is a second header`);
    }
    Object.assign(
      annotations,
      headerAnnotations(name, condition, what =>
        refuse(
          where,
          `ingress-nginx cannot express ${what}; it matches a header by exact value or regex (prefix and suffix become regexes)`,
        ),
      ),
    );
  });
  return annotations;
}
