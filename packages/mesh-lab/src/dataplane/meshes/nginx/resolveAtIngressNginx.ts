import { hostSpecificity } from '../../binding/hostSpecificity';
import { wildcardHostMatches } from '../../binding/wildcardHostMatches';
import type { GatewayEntrance } from '../../GatewayEntrance';
import type { RequestMatch, RouteBackend, RouteRule, RouteTable, StringMatch } from '../../RouteTable';
import type { RoutingObjects } from '../../RoutingObjects';

/** The parts of a networking.k8s.io/v1 Ingress ingress-nginx reads. */
export interface IngressLike {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    ingressClassName?: string;
    rules?: Array<{
      host?: string;
      http?: {
        paths?: Array<{
          path?: string;
          pathType?: string;
          backend?: IngressBackendLike;
        }>;
      };
    }>;
  };
}

interface IngressBackendLike {
  service?: { name?: string; port?: { number?: number; name?: string } };
}

/** The parts of a networking.k8s.io/v1 IngressClass ingress-nginx reads. */
export interface IngressClassLike {
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: { controller?: string };
}

/** ingress-nginx's defaults: `--controller-class` and `--ingress-class`. */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
const INGRESS_NGINX_CLASS = 'nginx';
const ANNOTATION = 'nginx.ingress.kubernetes.io/';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/**
 * What ingress-nginx's metrics say about the location that carried a request
 * (`nginx_ingress_controller_requests`' labels): the location's Ingress (the main one, also
 * when its canary served), its namespace, Service and path, and `canary`, the canary's upstream
 * (`<namespace>-<service>-<port>`) when the canary Ingress served it, else empty.
 */
export interface NginxLocationLabels {
  namespace: string;
  ingress: string;
  service: string;
  path: string;
  canary: string;
}

interface Location {
  path: string;
  pathType: string;
  ingress: IngressLike;
  backend: { service: string; port?: number | string };
  canary?: { ingress: IngressLike; backend: { service: string; port?: number | string } };
}

/**
 * Where ingress-nginx sends a request for `host`, from the Ingresses of its class:
 * - the server is the most specific rule host covering the Host (exact, then the longest
 *   `*.` wildcard), else the default server of the rules without host;
 * - its locations are the paths of the main Ingresses' rules for that host (the oldest Ingress
 *   wins a path), Exact first, then the longest prefix; `Prefix` matches whole path elements,
 *   `ImplementationSpecific` is nginx's string prefix;
 * - an Ingress annotated `nginx.ingress.kubernetes.io/canary: "true"` is merged into the
 *   location of the same host and path as its alternative backend, and takes a request as
 *   balancer.lua's route_to_alternative_balancer decides: `canary-by-header` (with
 *   `canary-by-header-value`, else `canary-by-header-pattern`, else the values `always` /
 *   `never`), then `canary-by-cookie` (`always` / `never`), then `canary-weight` out of
 *   `canary-weight-total` (default 100). A canary without a main location is ignored, as
 *   ingress-nginx does ("unable to find real backend").
 * Undefined when no server takes the Host (the controller's default backend answers 404).
 */
export function resolveAtIngressNginx(
  // Every Ingress of the class applies, whichever controller pod took the request.
  _entrance: GatewayEntrance,
  host: string,
  objects: RoutingObjects,
): RouteTable | undefined {
  const served = objects.ingresses.filter(ingress => servedByIngressNginx(ingress, objects.ingressClasses));
  const isCanary = (ingress: IngressLike) => (annotation(ingress, 'canary') ?? '').toLowerCase() === 'true';

  // The server: the most specific rule host covering the Host, else the default server ("_").
  let server: string | undefined;
  for (const ingress of served) {
    for (const rule of ingress.spec?.rules ?? []) {
      const ruleHost = rule.host?.toLowerCase();
      if (!ruleHost || !wildcardHostMatches(ruleHost, host)) continue;
      if (server === undefined || hostSpecificity(ruleHost) > hostSpecificity(server)) server = ruleHost;
    }
  }
  const serverHost = server ?? '';
  const rulesOfServer = (ingress: IngressLike) =>
    (ingress.spec?.rules ?? []).filter(rule => (rule.host?.toLowerCase() ?? '') === serverHost);

  const locations: Location[] = [];
  for (const ingress of served.filter(i => !isCanary(i))) {
    for (const rule of rulesOfServer(ingress)) {
      for (const path of rule.http?.paths ?? []) {
        const backend = serviceBackend(path.backend);
        const value = path.path || '/';
        if (!backend || locations.some(l => l.path === value)) continue;
        locations.push({ path: value, pathType: path.pathType ?? 'ImplementationSpecific', ingress, backend });
      }
    }
  }
  if (locations.length === 0) return undefined;
  for (const ingress of served.filter(isCanary)) {
    for (const rule of rulesOfServer(ingress)) {
      for (const path of rule.http?.paths ?? []) {
        const location = locations.find(l => l.path === (path.path || '/'));
        const backend = serviceBackend(path.backend);
        if (location && backend && !location.canary) location.canary = { ingress, backend };
      }
    }
  }
  locations.sort(
    (a, b) => Number(b.pathType === 'Exact') - Number(a.pathType === 'Exact') || b.path.length - a.path.length,
  );

  const first = locations[0].ingress;
  return {
    source: { kind: 'Ingress', namespace: first.metadata?.namespace ?? 'default', name: first.metadata?.name ?? '' },
    rules: locations.flatMap(location => locationRules(location)),
  };
}

/** Whether ingress-nginx (its default controller and ingress class) serves an Ingress. */
function servedByIngressNginx(ingress: IngressLike, classes: readonly IngressClassLike[]): boolean {
  const className = ingress.spec?.ingressClassName;
  if (className) {
    return classes.some(c => c.metadata?.name === className && c.spec?.controller === INGRESS_NGINX_CONTROLLER);
  }
  const legacy = ingress.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (legacy !== undefined) return legacy === INGRESS_NGINX_CLASS;
  return classes.some(
    c => c.spec?.controller === INGRESS_NGINX_CONTROLLER && c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  );
}

function annotation(ingress: IngressLike, name: string): string | undefined {
  return ingress.metadata?.annotations?.[`${ANNOTATION}${name}`];
}

function serviceBackend(backend: IngressBackendLike | undefined): Location['backend'] | undefined {
  const service = backend?.service;
  if (!service?.name) return undefined;
  return { service: service.name, port: service.port?.number ?? service.port?.name };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pathMatch(location: Location): StringMatch | undefined {
  if (location.pathType === 'Exact') return { exact: location.path };
  if (location.path === '/') return undefined;
  if (location.pathType === 'Prefix') {
    // Prefix matches whole path elements (the Ingress API): /api matches /api and /api/x, not /apix.
    return { regex: new RegExp(`^${escapeRegex(location.path.replace(/\/$/, ''))}(/.*)?$`) };
  }
  return { prefix: location.path };
}

/** The rules of one location, in the order balancer.lua decides: header, cookie, weight. */
function locationRules(location: Location): RouteRule[] {
  const namespace = location.ingress.metadata?.namespace ?? 'default';
  const labels = (canary: string): NginxLocationLabels => ({
    namespace,
    ingress: location.ingress.metadata?.name ?? '',
    service: location.backend.service,
    path: location.path,
    canary,
  });
  const main = (weight: number): RouteBackend => ({
    service: location.backend.service,
    namespace,
    ...(typeof location.backend.port === 'number' ? { port: location.backend.port } : {}),
    weight,
    nginx: labels(''),
  });
  const path = pathMatch(location);
  const when = (headers: RequestMatch['headers']): RequestMatch[] => [{ ...(path ? { path } : {}), headers }];
  const everything = path ? [{ path }] : [];

  const alternative = location.canary;
  if (!alternative) return [{ matches: everything, backends: [main(1)] }];
  const upstream = `${namespace}-${alternative.backend.service}-${alternative.backend.port ?? ''}`;
  const canary = (weight: number): RouteBackend => ({
    service: alternative.backend.service,
    namespace,
    ...(typeof alternative.backend.port === 'number' ? { port: alternative.backend.port } : {}),
    weight,
    nginx: labels(upstream),
  });
  const toCanary = (headers: RequestMatch['headers']): RouteRule => ({ matches: when(headers), backends: [canary(1)] });
  const toMain = (headers: RequestMatch['headers']): RouteRule => ({ matches: when(headers), backends: [main(1)] });

  const rules: RouteRule[] = [];
  const header = annotation(alternative.ingress, 'canary-by-header')?.toLowerCase();
  if (header) {
    const value = annotation(alternative.ingress, 'canary-by-header-value');
    const pattern = annotation(alternative.ingress, 'canary-by-header-pattern');
    if (value) rules.push(toCanary([{ name: header, match: { exact: value } }]));
    // ngx.re.match: a PCRE search, not anchored.
    else if (pattern) rules.push(toCanary([{ name: header, match: { regex: new RegExp(pattern) } }]));
    else {
      rules.push(toCanary([{ name: header, match: { exact: 'always' } }]));
      rules.push(toMain([{ name: header, match: { exact: 'never' } }]));
    }
  }
  const cookie = annotation(alternative.ingress, 'canary-by-cookie');
  if (cookie) {
    const valued = (value: string) => ({
      name: 'cookie',
      match: { regex: new RegExp(`(^|;\\s*)${escapeRegex(cookie)}=${value}(;|$)`) },
    });
    rules.push(toCanary([valued('always')]));
    rules.push(toMain([valued('never')]));
  }
  const weight = Number(annotation(alternative.ingress, 'canary-weight') ?? 0) || 0;
  const total = Number(annotation(alternative.ingress, 'canary-weight-total') ?? 100) || 100;
  rules.push({ matches: everything, backends: [main(Math.max(0, total - weight)), canary(Math.max(0, weight))] });
  return rules;
}
