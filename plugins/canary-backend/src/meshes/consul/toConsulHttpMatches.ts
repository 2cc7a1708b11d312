import { UnsupportedRoutingError } from '@vane/plugin-canary-node';

/** Consul's ServiceRouteHTTPMatch (consul.hashicorp.com/v1alpha1 ServiceRouter). */
export interface ConsulHttpMatch {
  pathExact?: string;
  pathPrefix?: string;
  pathRegex?: string;
  header?: Array<Record<string, string>>;
  queryParam?: Array<Record<string, string>>;
  methods?: string[];
}

const PATH_FIELDS: Record<string, keyof ConsulHttpMatch> = {
  exact: 'pathExact',
  prefix: 'pathPrefix',
  regex: 'pathRegex',
};

/** What a ServiceRouter matches each kind of condition by. */
const MATCH_KINDS = {
  headers: ['exact', 'prefix', 'regex'],
  queryParams: ['exact', 'regex'],
} as const;

const WHAT_CONSUL_MATCHES =
  'a ServiceRouter matches headers exactly, by prefix or by regex, query parameters exactly or by regex, the path exactly, by prefix or by regex, and methods exactly';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Translates Flagger's match conditions (Istio HTTPMatchRequests: `headers`, `queryParams`,
 * `uri`, `method`) into the `http` matches of Consul ServiceRouter routes, one per condition (a
 * route has a single match, whose criteria must all hold). Names are sorted so the same spec
 * always yields the same object. A condition a ServiceRouter cannot express (a query parameter
 * by prefix, `sourceLabels`, ...) is refused with the field that holds it.
 */
export function toConsulHttpMatches(
  matches: Array<Record<string, unknown>>,
  field: string,
): ConsulHttpMatch[] {
  const refuse = (where: string, what: string): never => {
    throw new UnsupportedRoutingError(
      'consul',
      where,
      `${where} is not supported by provider consul: ${what}; ${WHAT_CONSUL_MATCHES}`,
    );
  };

  return matches.map((match, index) => {
    const at = `${field}[${index}]`;
    const result: ConsulHttpMatch = {};
    for (const [key, value] of Object.entries(match)) {
      if (key === 'uri') {
        const [kind, path] =
          Object.entries(isRecord(value) ? value : {})[0] ?? [];
        if (!kind || !PATH_FIELDS[kind] || typeof path !== 'string') {
          refuse(
            `${at}.uri`,
            `a ServiceRouter cannot match the path by ${kind ?? 'nothing'}`,
          );
        }
        (result as Record<string, unknown>)[PATH_FIELDS[kind!]] = path;
      } else if (key === 'method') {
        const exact = isRecord(value) ? value.exact : undefined;
        if (typeof exact !== 'string') {
          refuse(
            `${at}.method`,
            'a ServiceRouter matches methods exactly, write it with exact',
          );
        }
        result.methods = [exact as string];
      } else if (key === 'headers' || key === 'queryParams') {
        const conditions = isRecord(value) ? value : {};
        const kinds: readonly string[] = MATCH_KINDS[key];
        const translated = Object.keys(conditions)
          .sort()
          .map(name => {
            const condition = conditions[name];
            const [kind, conditionValue] =
              Object.entries(isRecord(condition) ? condition : {})[0] ?? [];
            if (
              !kind ||
              !kinds.includes(kind) ||
              typeof conditionValue !== 'string'
            ) {
              refuse(
                `${at}.${key}.${name}`,
                `a ServiceRouter cannot match ${
                  key === 'headers' ? 'a header' : 'a query parameter'
                } by ${kind ?? 'nothing'}`,
              );
            }
            return { name, [kind!]: conditionValue as string };
          });
        if (key === 'headers') result.header = translated;
        else result.queryParam = translated;
      } else {
        refuse(`${at}.${key}`, `a ServiceRouter cannot match on ${key}`);
      }
    }
    return result;
  });
}
