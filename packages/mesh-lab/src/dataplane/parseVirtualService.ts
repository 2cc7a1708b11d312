import { canonicalHost, serviceOfHost } from './canonicalHost';
import { compileStringMatch } from './compileStringMatch';
import { RequestMatch, ResponseHeaderOperations, RouteBackend, RouteRule, RouteTable } from './RouteTable';

/** The parts of networking.istio.io VirtualService / DestinationRule the data plane reads. */
export interface VirtualServiceLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    hosts?: string[];
    /** `namespace/name` of Istio Gateways, or `mesh` (see virtualServiceGateways). */
    gateways?: string[];
    http?: Array<{
      match?: Array<{
        headers?: Record<string, { exact?: string; prefix?: string; regex?: string }>;
        uri?: { exact?: string; prefix?: string; regex?: string };
        method?: { exact?: string };
      }>;
      route?: Array<{
        destination?: { host?: string; subset?: string; port?: { number?: number } };
        weight?: number;
        headers?: IstioHeaders;
      }>;
      headers?: IstioHeaders;
      mirror?: { host?: string; subset?: string; port?: { number?: number } };
      mirrorPercentage?: { value?: number };
      mirror_percent?: number;
    }>;
  };
}

/** Istio's Headers: operations on the request's and the response's headers. */
interface IstioHeaders {
  response?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
}

/** Istio's response HeaderOperations, header names lower-case. */
function responseHeaders(headers: IstioHeaders | undefined): ResponseHeaderOperations | undefined {
  const response = headers?.response;
  if (!response) return undefined;
  const pairs = (map: Record<string, string> | undefined): Array<[string, string]> =>
    Object.entries(map ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]);
  return {
    set: pairs(response.set),
    add: pairs(response.add),
    remove: (response.remove ?? []).map(name => name.toLowerCase()),
  };
}

export interface DestinationRuleLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { host?: string; subsets?: Array<{ name?: string; labels?: Record<string, string> }> };
}

/**
 * Compiles a VirtualService's HTTP routes; subsets are resolved through the DestinationRules of
 * the same namespace. Destinations that do not name a Kubernetes Service are dropped.
 */
export function parseVirtualService(
  vs: VirtualServiceLike,
  destinationRules: readonly DestinationRuleLike[] = [],
): RouteTable {
  const namespace = vs.metadata?.namespace ?? 'default';
  const backend = (
    destination: { host?: string; subset?: string; port?: { number?: number } } | undefined,
    weight: number,
    headers?: IstioHeaders,
  ): RouteBackend | undefined => {
    if (!destination?.host) return undefined;
    const host = canonicalHost(destination.host, namespace);
    const svc = serviceOfHost(host);
    if (!svc) return undefined;
    let subsetLabels: Record<string, string> | undefined;
    if (destination.subset) {
      const rule = destinationRules.find(
        dr => dr.spec?.host && canonicalHost(dr.spec.host, dr.metadata?.namespace ?? namespace) === host,
      );
      // Istio answers 503 for an unknown subset; an impossible label selector gives the same.
      subsetLabels = rule?.spec?.subsets?.find(s => s.name === destination.subset)?.labels ?? {
        'lab.vane.dev/unknown-subset': destination.subset,
      };
    }
    const operations = responseHeaders(headers);
    return {
      ...svc,
      port: destination.port?.number,
      subset: destination.subset,
      subsetLabels,
      weight,
      ...(operations ? { responseHeaders: operations } : {}),
    };
  };

  const rules: RouteRule[] = (vs.spec?.http ?? []).map(http => {
    const routes = http.route ?? [];
    // A lone destination takes everything whatever its weight, as Istio routes it (Flagger's
    // A/B default route carries the primary's weight, 0 during the analysis).
    const backends = routes
      .map(r => backend(r.destination, routes.length === 1 ? 100 : r.weight ?? 0, r.headers))
      .filter((b): b is RouteBackend => Boolean(b));
    const matches: RequestMatch[] = (http.match ?? []).map(m => ({
      headers: Object.entries(m.headers ?? {}).flatMap(([name, spec]) => {
        const match = compileStringMatch(spec);
        return match ? [{ name: name.toLowerCase(), match }] : [];
      }),
      path: compileStringMatch(m.uri),
      method: m.method?.exact,
    }));
    const mirrorBackend = backend(http.mirror, 100);
    const percent = http.mirrorPercentage?.value ?? http.mirror_percent ?? 100;
    const operations = responseHeaders(http.headers);
    return {
      matches,
      backends,
      ...(mirrorBackend ? { mirror: { backend: mirrorBackend, percent } } : {}),
      ...(operations ? { responseHeaders: operations } : {}),
    };
  });
  return {
    source: { kind: 'VirtualService', namespace, name: vs.metadata?.name ?? '' },
    rules,
  };
}
