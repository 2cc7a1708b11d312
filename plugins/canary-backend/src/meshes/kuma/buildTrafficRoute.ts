import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerAnnotations } from '../../routers/canaryOwnerAnnotations';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { kumaRefusals } from './kumaRefusals';

/** The Kuma API Vane writes: TrafficRoute, which Flagger's kuma router writes. */
export const KUMA_API_VERSION = 'kuma.io/v1alpha1';

/** Flagger's annotation on a Canary naming the Kuma mesh of its TrafficRoute. */
export const KUMA_MESH_ANNOTATION = 'kuma.io/mesh';

type Json = Record<string, unknown>;

/** The `kuma.io/service` tag of a Service's port: `<name>_<namespace>_svc_<port>`. */
export function kumaService(name: string, namespace: string, port: number) {
  return { 'kuma.io/service': `${name}_${namespace}_svc_${port}` };
}

/**
 * The TrafficRoute name of a Canary's apex Service, `<name>.<namespace>`: TrafficRoutes are
 * cluster-scoped, so Flagger's `<name>` alone would have two Canaries of the same name in two
 * namespaces share one (a dot joins them unambiguously: neither name may hold one).
 */
export function trafficRouteName(apexName: string, namespace: string): string {
  return `${apexName}.${namespace}`;
}

/**
 * The TrafficRoute of a Canary, as Flagger's kuma router writes it: from every service in the
 * mesh (`kuma.io/service: *`) to the apex Service's port, split between primary and canary
 * (primary first) by the routes' weights, in the mesh the Canary's `kuma.io/mesh` annotation
 * names (else `default`). Beyond Flagger: with `analysis.match` (A/B), an http section per match
 * condition carries the split and everything else goes to the primary; Argo Rollouts' header
 * routes in effect come first, an http section per match to the canary alone. Cluster-scoped, it
 * belongs to its Canary by annotations (canaryOwnerAnnotations), with the labels and
 * annotations of `spec.service.apex`.
 */
export function buildTrafficRoute(
  canary: Canary,
  routes: MeshRoutes,
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  throwIfRefused('kuma', routing.id, kumaRefusals(canary));
  const { apexName, primaryName, canaryName, namespace, port } = routing;
  const primary = kumaService(primaryName, namespace, port);
  const canaryService = kumaService(canaryName, namespace, port);
  const split = (primaryWeight: number, canaryWeight: number) => [
    { weight: primaryWeight, destination: primary },
    { weight: canaryWeight, destination: canaryService },
  ];

  const http: Json[] = [
    ...(routes.headerRoutes ?? []).flatMap(route =>
      stepRouteMatches(route).map(match => ({
        match: kumaMatch(match),
        destination: canaryService,
      })),
    ),
    ...routing.analysisMatch.map(match => ({
      match: kumaMatch(match),
      split: split(routes.primaryWeight, routes.canaryWeight),
    })),
  ];
  const abTesting = routing.analysisMatch.length > 0;
  const apex = routingObjectMetadata(routing.apexMetadata);
  return {
    apiVersion: KUMA_API_VERSION,
    kind: 'TrafficRoute',
    mesh: canary.metadata.annotations?.[KUMA_MESH_ANNOTATION] || 'default',
    metadata: {
      name: trafficRouteName(apexName, namespace),
      ...(apex.labels ? { labels: apex.labels } : {}),
      annotations: { ...apex.annotations, ...canaryOwnerAnnotations(canary) },
    },
    spec: {
      sources: [{ match: { 'kuma.io/service': '*' } }],
      destinations: [{ match: kumaService(apexName, namespace, port) }],
      conf: {
        ...(http.length > 0 ? { http } : {}),
        split: abTesting
          ? [{ weight: 100, destination: primary }]
          : split(routes.primaryWeight, routes.canaryWeight),
      },
    },
  };
}

/** An Istio HTTPMatchRequest (headers, method, uri) as a TrafficRoute http match: the same StringMatchers. */
function kumaMatch(match: Json): Json {
  const headers = (match.headers ?? {}) as Record<string, Json>;
  const names = Object.keys(headers).sort();
  return {
    ...(match.method ? { method: { ...(match.method as Json) } } : {}),
    ...(match.uri ? { path: { ...(match.uri as Json) } } : {}),
    ...(names.length > 0
      ? {
          headers: Object.fromEntries(
            names.map(name => [name, { ...headers[name] }]),
          ),
        }
      : {}),
  };
}
