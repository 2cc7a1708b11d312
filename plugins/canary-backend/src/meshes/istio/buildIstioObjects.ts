import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { readSessionAffinity } from '../../routers/readSessionAffinity';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';
import { istioSessionAffinityRoutes } from './istioSessionAffinityRoutes';
import { buildIstioStepRoutes } from './buildIstioStepRoutes';
import { mergeMatches } from '../../routers/mergeMatches';

/** The Istio objects of one Canary, as they should be in the cluster. */
export interface IstioObjects {
  virtualService: KubernetesObjectLike;
  /** `<name>-primary` then `<name>-canary`. */
  destinationRules: KubernetesObjectLike[];
}

/** The Istio API version Vane writes, as Flagger does. */
export const ISTIO_API_VERSION = 'networking.istio.io/v1beta1';

/**
 * Builds the VirtualService `<name>` and the DestinationRules `<name>-primary` and
 * `<name>-canary` that carry the given routes, with Flagger's semantics:
 * - hosts are `spec.service.hosts` plus the apex Service (unless a `*` already covers it),
 *   gateways are `spec.service.gateways` or `mesh`; with `delegation`, neither (a delegate);
 * - destinations name `spec.service.port` when the Services have discovered ports and the
 *   route is reached from a gateway or a delegating VirtualService;
 * - the VirtualService carries the labels and annotations of `spec.service.apex`;
 * - one weighted HTTP route to primary and canary, which also mirrors to the canary when asked
 *   (`mirrorPercentage` from `analysis.mirrorWeight`);
 * - with `analysis.match` (A/B), a first route for matching requests that carries the weights,
 *   then a default route to the primary alone. Mirroring does not apply to A/B, as in Flagger;
 * - with `analysis.sessionAffinity`, the cookie routes of istioSessionAffinityRoutes around the
 *   weighted route.
 * - before all of them, the header and mirror routes of `analysis.steps` in effect
 *   (buildIstioStepRoutes).
 */
export function buildIstioObjects(
  canary: Canary,
  routes: MeshRoutes,
): IstioObjects {
  const routing = readCanaryRouting(canary);
  const { apexName, primaryName, canaryName, namespace } = routing;
  const ownerReferences = [canaryOwnerReference(canary)];

  const hosts = [...routing.hosts];
  if (!hosts.some(host => host === apexName || host === '*')) {
    hosts.push(apexName);
  }
  const gateways = routing.gateways.length > 0 ? routing.gateways : ['mesh'];
  // As Flagger: a Service with discovered ports has several, so a destination reached from a
  // gateway (or through a delegating VirtualService) names the port.
  const destinationPort =
    routing.portDiscovery &&
    ((routing.gateways.length > 0 && routing.gateways[0] !== 'mesh') ||
      routing.delegation)
      ? { port: { number: routing.port } }
      : {};
  const destination = (host: string) => ({ host, ...destinationPort });

  const withServiceMatch = (
    route: Record<string, unknown>,
  ): Record<string, unknown> =>
    routing.serviceMatch.length > 0
      ? { match: routing.serviceMatch, ...routing.istioRouteFields, ...route }
      : { ...routing.istioRouteFields, ...route };
  const weighted = [
    { destination: destination(primaryName), weight: routes.primaryWeight },
    { destination: destination(canaryName), weight: routes.canaryWeight },
  ];

  let http: Array<Record<string, unknown>>;
  if (routing.analysisMatch.length > 0) {
    http = [
      {
        match: mergeMatches(routing.analysisMatch, routing.serviceMatch),
        ...routing.istioRouteFields,
        route: weighted,
      },
      withServiceMatch({
        route: [{ destination: destination(primaryName), weight: 100 }],
      }),
    ];
  } else {
    const route = withServiceMatch({ route: weighted });
    if (routes.mirrored) {
      route.mirror = { host: canaryName };
      if (routing.mirrorWeight !== undefined) {
        route.mirrorPercentage = { value: routing.mirrorWeight };
      }
    }
    const cookies = readSessionAffinity(canary, routes.canaryWeight);
    http = cookies
      ? istioSessionAffinityRoutes(
          route,
          cookies,
          routing,
          routing.serviceMatch,
        )
      : [route];
  }
  // Argo Rollouts' managed routes come first: Istio sends a request by the first route it matches.
  http = [
    ...buildIstioStepRoutes(routes, routing, destination, weighted),
    ...http,
  ];

  const destinationRule = (host: string): KubernetesObjectLike => ({
    apiVersion: ISTIO_API_VERSION,
    kind: 'DestinationRule',
    metadata: { name: host, namespace, ownerReferences },
    spec: routing.trafficPolicy
      ? { host, trafficPolicy: routing.trafficPolicy }
      : { host },
  });

  return {
    virtualService: {
      apiVersion: ISTIO_API_VERSION,
      kind: 'VirtualService',
      metadata: {
        name: apexName,
        namespace,
        ...routingObjectMetadata(routing.apexMetadata),
        ownerReferences,
      },
      // A delegate VirtualService has neither: the one that delegates to it carries them.
      spec: routing.delegation
        ? { hosts: [], gateways: [], http }
        : { hosts, gateways, http },
    },
    destinationRules: [
      destinationRule(primaryName),
      destinationRule(canaryName),
    ],
  };
}
