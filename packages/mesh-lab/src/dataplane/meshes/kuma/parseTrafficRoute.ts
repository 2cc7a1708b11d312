import { compileStringMatch } from '../../compileStringMatch';
import type { RequestMatch, RouteBackend, RouteRule, RouteTable } from '../../RouteTable';
import { KumaServicePort, kumaServiceTag, parseKumaServiceTag } from './kumaServiceTag';
import type { KumaHttpMatchLike, KumaSplitLike, KumaTrafficRouteLike } from './KumaTrafficRouteLike';

/**
 * Compiles a TrafficRoute's conf as Kuma's sidecar applies it to a request for `requested` (the
 * Service port whose tag the route's destination matched): the `http` sections in their order
 * (each match's method, path and headers all holding; its `split` or `destination`), then the
 * default `split` or `destination` for every other request. Destinations are tags:
 * `kuma.io/service` names a Service port (`<name>_<namespace>_svc_<port>`, `*` the requested
 * one), other tags select its pods by label. A split's weights are relative (two at 1 share
 * evenly), 0 leaves that destination out. A match the lab cannot evaluate (a method other than
 * exact) matches nothing here, rather than everything.
 */
export function parseTrafficRoute(route: KumaTrafficRouteLike, requested: KumaServicePort): RouteTable {
  const conf = route.spec?.conf ?? {};
  const rules: RouteRule[] = [];
  for (const http of conf.http ?? []) {
    const match = compileMatch(http.match);
    if (match) rules.push({ matches: Object.keys(match).length > 0 ? [match] : [], backends: backendsOf(http, requested) });
  }
  if (conf.split || conf.destination) rules.push({ matches: [], backends: backendsOf(conf, requested) });
  return { source: { kind: 'TrafficRoute', namespace: '', name: route.metadata?.name ?? '' }, rules };
}

function backendsOf(
  section: { split?: KumaSplitLike[]; destination?: Record<string, string> },
  requested: KumaServicePort,
): RouteBackend[] {
  const entries = section.split ?? (section.destination ? [{ weight: 1, destination: section.destination }] : []);
  return entries.flatMap(entry => {
    const tags = entry.destination ?? {};
    const tag = tags['kuma.io/service'];
    const service = tag === '*' ? requested : parseKumaServiceTag(tag ?? '');
    if (!service) return [];
    // Tags other than Kuma's own come from pod labels: they narrow the Service to those pods.
    const subsetLabels = Object.fromEntries(Object.entries(tags).filter(([key]) => !key.includes('kuma.io/')));
    return [
      {
        service: service.service,
        namespace: service.namespace,
        port: service.port,
        weight: entry.weight ?? 0,
        ...(Object.keys(subsetLabels).length > 0 ? { subset: kumaServiceTag(service), subsetLabels } : {}),
      },
    ];
  });
}

/** An http section's match as one RequestMatch (`{}`: everything), or null when the lab cannot evaluate it. */
function compileMatch(match: KumaHttpMatchLike | undefined): RequestMatch | null {
  const result: RequestMatch = {};
  if (match?.method) {
    if (typeof match.method.exact !== 'string') return null;
    result.method = match.method.exact;
  }
  if (match?.path) {
    const path = compileStringMatch(match.path);
    if (!path) return null;
    if (!('prefix' in path && path.prefix === '/')) result.path = path;
  }
  const headers: NonNullable<RequestMatch['headers']> = [];
  for (const [name, matcher] of Object.entries(match?.headers ?? {})) {
    const compiled = compileStringMatch(matcher);
    if (!compiled) return null;
    headers.push({ name: name.toLowerCase(), match: compiled });
  }
  if (headers.length > 0) result.headers = headers;
  return result;
}
