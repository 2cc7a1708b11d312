import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import {
  readSessionAffinity,
  type StickyCookie,
} from '../../routers/readSessionAffinity';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import type { ConsulProtocolChoice } from './chooseConsulProtocol';
import {
  type ConsulHttpMatch,
  toConsulHttpMatches,
} from './toConsulHttpMatches';

/** The consul-k8s CRD version Vane writes (consul-k8s 0.x and 1.x serve only this one). */
export const CONSUL_API_VERSION = 'consul.hashicorp.com/v1alpha1';

/** The config entries (as consul-k8s CRDs) that route one Canary through Consul. */
export interface ConsulObjects {
  /** The protocol of `<name>-primary` and `<name>-canary`, and of the apex when Vane writes it. */
  serviceDefaults: KubernetesObjectLike[];
  serviceSplitter: KubernetesObjectLike;
  /** None when the weights alone route every request (no match, header route or cookie). */
  serviceRouter?: KubernetesObjectLike;
}

type ConsulRoute = {
  match?: { http: ConsulHttpMatch };
  destination: Record<string, unknown>;
};

const setCookie = (cookie: StickyCookie) => ({
  add: { 'Set-Cookie': cookie.setCookie },
});

/**
 * Builds the Consul config entries of a Canary. Consul catalogs a pod under the name of the
 * Kubernetes Service that selects it, so `<name>-primary` and `<name>-canary` are two Consul
 * services and the ServiceSplitter of the apex `<name>` splits between them by `service`
 * (a ServiceResolver's subsets only filter the instances of one service, and the apex's are the
 * primary's pods alone; a resolver `redirect` would replace the apex everywhere, splitter
 * included). In Consul's discovery chain a client's request to the apex passes the apex's
 * ServiceRouter, then its ServiceSplitter:
 * - the ServiceSplitter carries the weights, primary first; with `analysis.sessionAffinity` each
 *   split's answers set its cookie (`responseHeaders`);
 * - the ServiceRouter's routes, first match wins: the header routes of `analysis.steps`
 *   (setHeaderRoute) to `<name>-canary` in the order they were set; then session affinity's,
 *   requests carrying the canary's cookie to the canary and the primary's to the primary (or,
 *   once the canary has no traffic, those still carrying the last run's cookie to the splitter,
 *   expiring it); then, with `analysis.match` (A/B), a route per condition to the apex itself,
 *   which Consul sends through its splitter, and a catch-all to `<name>-primary`.
 * The ServiceDefaults give the primary and canary services the apex's protocol (see
 * chooseConsulProtocol), as Consul requires of every service a chain splits to.
 */
export function buildConsulObjects(
  canary: Canary,
  routes: MeshRoutes,
  protocol: ConsulProtocolChoice,
): ConsulObjects {
  const routing = readCanaryRouting(canary);
  const { apexName, primaryName, canaryName, namespace } = routing;
  const owned = (
    kind: string,
    name: string,
    spec: Record<string, unknown>,
  ) => ({
    apiVersion: CONSUL_API_VERSION,
    kind,
    metadata: {
      name,
      namespace,
      ...(name === apexName && kind !== 'ServiceDefaults'
        ? routingObjectMetadata(routing.apexMetadata)
        : {}),
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec,
  });

  const cookies = readSessionAffinity(canary, routes.canaryWeight);
  const split = (
    service: string,
    weight: number,
    cookie: StickyCookie | undefined,
  ) => ({
    weight,
    service,
    ...(cookie ? { responseHeaders: setCookie(cookie) } : {}),
  });
  const serviceSplitter = owned('ServiceSplitter', apexName, {
    splits: [
      split(primaryName, routes.primaryWeight, cookies?.primary),
      split(canaryName, routes.canaryWeight, cookies?.canary),
    ],
  });

  const abMatches =
    routing.analysisMatch.length > 0
      ? toConsulHttpMatches(routing.analysisMatch, 'analysis.match')
      : [];
  const to = (service: string, more: Record<string, unknown> = {}) => ({
    service,
    ...more,
  });
  // A cookie condition holds within each A/B condition: a route's criteria all hold.
  const carrying = (cookie: StickyCookie): ConsulHttpMatch[] =>
    (abMatches.length > 0 ? abMatches : [{}]).map(match => ({
      ...match,
      header: [
        ...(match.header ?? []),
        { name: 'cookie', regex: cookie.cookieRegex },
      ],
    }));
  const matching = (
    matches: ConsulHttpMatch[],
    destination: Record<string, unknown>,
  ) => matches.map((http): ConsulRoute => ({ match: { http }, destination }));

  const serviceRoutes: ConsulRoute[] = [
    ...(routes.headerRoutes ?? []).flatMap(route =>
      matching(
        toConsulHttpMatches(
          stepRouteMatches(route),
          `setHeaderRoute ${route.name}`,
        ),
        to(canaryName),
      ),
    ),
    ...(cookies?.canary
      ? matching(carrying(cookies.canary), to(canaryName))
      : []),
    ...(cookies?.primary
      ? matching(carrying(cookies.primary), to(primaryName))
      : []),
    ...(cookies?.previous
      ? matching(
          carrying(cookies.previous),
          to(apexName, { responseHeaders: setCookie(cookies.previous) }),
        )
      : []),
    ...matching(abMatches, to(apexName)),
    ...(abMatches.length > 0 ? [{ destination: to(primaryName) }] : []),
  ];

  const serviceDefaults = [
    ...(protocol.writesApexDefaults ? [apexName] : []),
    primaryName,
    canaryName,
  ].map(name =>
    owned('ServiceDefaults', name, { protocol: protocol.protocol }),
  );

  return {
    serviceDefaults,
    serviceSplitter,
    ...(serviceRoutes.length > 0
      ? {
          serviceRouter: owned('ServiceRouter', apexName, {
            routes: serviceRoutes,
          }),
        }
      : {}),
  };
}
