import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import {
  CanaryRouting,
  readCanaryRouting,
} from '../../routers/readCanaryRouting';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { contourRefusals } from './contourRefusals';
import { toContourConditions } from './toContourConditions';

/** The Contour API Vane writes (the one Flagger's contour router writes). */
export const CONTOUR_API_VERSION = 'projectcontour.io/v1';

/** `spec.service.match[0].uri.prefix`, else `/`: Flagger's prefix of every route. */
export function contourPrefix(routing: CanaryRouting): string {
  const uri = routing.serviceMatch[0]?.uri as { prefix?: unknown } | undefined;
  return typeof uri?.prefix === 'string' && uri.prefix !== ''
    ? uri.prefix
    : '/';
}

/** The route options Flagger copies from `spec.service` to every route: timeout and retries. */
function routeOptions(canary: Canary): Record<string, unknown> {
  const service = (canary.spec?.service ?? {}) as {
    timeout?: string;
    retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
  };
  const options: Record<string, unknown> = {};
  if (service.timeout) {
    options.timeoutPolicy = { response: service.timeout, idle: '5m' };
  }
  if (service.retries) {
    const { attempts, perTryTimeout, retryOn } = service.retries;
    options.retryPolicy = {
      count: attempts ?? 1,
      ...(perTryTimeout ? { perTryTimeout } : {}),
      ...(retryOn ? { retryOn: retryOn.split(',').map(v => v.trim()) } : {}),
    };
  }
  return options;
}

/**
 * Builds the HTTPProxy `<name>` of provider contour, as Flagger's contour router: no
 * virtualhost (a root HTTPProxy of yours, with the fqdn, includes it), one route on the prefix
 * of `spec.service.match` (or `/`) with the weighted primary and canary Services, each with
 * Linkerd's `l5d-dst-override` request header (as Flagger sets it, for Linkerd behind Contour),
 * and `spec.service`'s timeout and retries. Then:
 * - A/B (`analysis.match`): first a route per match entry (its header conditions on the prefix)
 *   carrying the weights, and the prefix route all on the primary, as Flagger's two routes;
 *   Vane writes a route per entry, since an HTTPProxy route's conditions all hold together and
 *   Flagger's entries are alternatives;
 * - mirroring: the canary as the route's mirror Service, its `weight` the share mirrored
 *   (`analysis.mirrorWeight`; absent: all), where Flagger's contour router mirrors nothing;
 * - after them, the routes of the setHeaderRoute steps in effect (all of their matching
 *   requests on the canary) and of the setMirrorRoute steps (the weights, and the canary as
 *   mirror of `percentage`); Contour tries the route with more header conditions first for the
 *   same path, so they come before the prefix route whatever their place.
 * The route's labels and annotations are `spec.service.apex`'s, as Flagger's.
 */
export function buildHttpProxy(
  canary: Canary,
  routes: MeshRoutes,
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  throwIfRefused('contour', routing.id, contourRefusals(canary));
  const { apexName, primaryName, canaryName, namespace, port } = routing;
  const prefix = contourPrefix(routing);
  const options = routeOptions(canary);
  const service = (name: string, weight: number) => ({
    name,
    port,
    weight,
    requestHeadersPolicy: {
      set: [
        {
          name: 'l5d-dst-override',
          value: `${name}.${namespace}.svc.cluster.local:${port}`,
        },
      ],
    },
  });
  const mirror = (percent: number | undefined) => ({
    name: canaryName,
    port,
    mirror: true,
    ...(percent !== undefined && percent < 100 ? { weight: percent } : {}),
  });
  const route = (
    conditions: Array<Record<string, unknown>>,
    primaryWeight: number,
    canaryWeight: number,
    mirrorPercent?: number | 'none',
  ) => ({
    conditions,
    ...options,
    services: [
      service(primaryName, primaryWeight),
      service(canaryName, canaryWeight),
      ...(mirrorPercent === 'none' ? [] : [mirror(mirrorPercent)]),
    ],
  });

  const weighted = (conditions: Array<Record<string, unknown>>) =>
    route(
      conditions,
      routes.primaryWeight,
      routes.canaryWeight,
      routes.mirrored ? routing.mirrorWeight : 'none',
    );
  const proxyRoutes =
    routing.analysisMatch.length > 0
      ? [
          ...toContourConditions(
            routing.analysisMatch,
            'analysis.match',
            prefix,
          ).map(weighted),
          route([{ prefix }], 100, 0, 'none'),
        ]
      : [weighted([{ prefix }])];

  for (const headerRoute of routes.headerRoutes ?? []) {
    proxyRoutes.push(
      ...toContourConditions(
        stepRouteMatches(headerRoute),
        `setHeaderRoute ${headerRoute.name}`,
        prefix,
      ).map(conditions => route(conditions, 0, 100, 'none')),
    );
  }
  for (const mirrorRoute of routes.mirrorRoutes ?? []) {
    proxyRoutes.push(
      ...toContourConditions(
        stepRouteMatches(mirrorRoute),
        `setMirrorRoute ${mirrorRoute.name}`,
        prefix,
      ).map(conditions =>
        route(
          conditions,
          100 - routes.canaryWeight,
          routes.canaryWeight,
          mirrorRoute.percentage ?? 100,
        ),
      ),
    );
  }

  return {
    apiVersion: CONTOUR_API_VERSION,
    kind: 'HTTPProxy',
    metadata: {
      name: apexName,
      namespace,
      ...routingObjectMetadata(routing.apexMetadata),
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec: { routes: proxyRoutes },
  };
}
