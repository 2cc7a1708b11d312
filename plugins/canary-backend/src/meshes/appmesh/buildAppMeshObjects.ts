import { parseDuration, type Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { appMeshRefusals } from './appMeshRefusals';

/** The App Mesh API Vane writes: the App Mesh controller's v1beta2 (controller v1.0 and later). */
export const APPMESH_API_VERSION = 'appmesh.k8s.aws/v1beta2';

/** Flagger's annotation on a Canary that turns on its VirtualNodes' Envoy access log. */
export const APPMESH_ACCESS_LOG_ANNOTATION = 'appmesh.flagger.app/accesslog';

/** The pods each VirtualNode stands for: the target's selector and the primary's. */
export interface AppMeshPodSelectors {
  primary: Record<string, string>;
  canary: Record<string, string>;
}

type Json = Record<string, unknown>;

/**
 * The App Mesh objects of a Canary, as Flagger's appmesh:v1beta2 router writes them:
 * - VirtualNodes `<name>-primary` and `<name>-canary`: a listener on the container port (HTTP),
 *   DNS service discovery of their Service (`<service>.<namespace>.svc.cluster.local.`), the pods
 *   of the primary and the target, `spec.service.backends` (VirtualService names, or ARNs) and,
 *   with Flagger's `appmesh.flagger.app/accesslog: enabled` on the Canary, an access log;
 * - VirtualRouter `<name>` with one route (prefix: `spec.service.match`'s, else `/`) whose
 *   weighted targets carry the routes' weights, canary first; with `analysis.match` (A/B), one
 *   route per match condition (`<name>-a`, priority 10 on) with those headers and the weights,
 *   and `<name>-b` (priority 20) sending everything else to the primary; Argo Rollouts' header
 *   routes in effect come first (priority 0 on, the weighted route then at 1000), one route per
 *   match to the canary alone;
 * - VirtualRouter `<name>-canary` sending everything to the canary (the load tester's
 *   `<name>-canary.<namespace>`);
 * - a VirtualService per router, of the same name (`<name>.<namespace>` in App Mesh), the apex's
 *   with the App Mesh gateway's annotations when `spec.service.hosts` are set.
 * Every route carries `spec.service.timeout` (per request, also the listeners') and
 * `spec.service.retries` (App Mesh's retry policy: Flagger's defaults of one retry on
 * gateway-error after 250ms). Routing objects carry the labels and annotations of
 * `spec.service.apex`, as Flagger puts them on the VirtualNodes.
 */
export function buildAppMeshObjects(
  canary: Canary,
  routes: MeshRoutes,
  podSelectors: AppMeshPodSelectors,
): KubernetesObjectLike[] {
  const routing = readCanaryRouting(canary);
  throwIfRefused('appmesh', routing.id, appMeshRefusals(canary));
  const { apexName, primaryName, canaryName, namespace } = routing;
  const service = (canary.spec?.service ?? {}) as Json;
  const targetPort = Number(service.targetPort);
  const port =
    Number.isInteger(targetPort) && targetPort > 0 ? targetPort : routing.port;
  const owner = canaryOwnerReference(canary);
  const metadata = (name: string, more: Json = {}) => ({
    name,
    namespace,
    ...more,
    ownerReferences: [owner],
  });

  const timeoutMs = routing.routeOptions.timeout
    ? parseDuration(routing.routeOptions.timeout)
    : undefined;
  const perRequest =
    timeoutMs !== undefined
      ? { perRequest: { unit: 'ms', value: timeoutMs } }
      : undefined;
  const retryPolicy = appMeshRetryPolicy(service.retries);
  const prefix =
    ((routing.serviceMatch[0]?.uri as Json | undefined)?.prefix as
      | string
      | undefined) || '/';
  const httpRoute = (match: Json, weightedTargets: Json[]): Json => ({
    match: { prefix, ...match },
    ...(perRequest ? { timeout: perRequest } : {}),
    ...(retryPolicy ? { retryPolicy } : {}),
    action: { weightedTargets },
  });
  const target = (name: string, weight: number) => ({
    virtualNodeRef: { name },
    weight,
  });
  const weighted = (canaryWeight: number, primaryWeight: number) => [
    target(canaryName, canaryWeight),
    target(primaryName, primaryWeight),
  ];

  const listener = { portMapping: { port, protocol: 'http' } };
  const accessLog =
    canary.metadata.annotations?.[APPMESH_ACCESS_LOG_ANNOTATION] === 'enabled';
  const backends = (
    Array.isArray(service.backends) ? service.backends : []
  ).filter((b): b is string => typeof b === 'string' && b !== '');
  const apexMetadata = routingObjectMetadata(routing.apexMetadata);
  const virtualNode = (
    name: string,
    pods: Record<string, string>,
  ): KubernetesObjectLike => ({
    apiVersion: APPMESH_API_VERSION,
    kind: 'VirtualNode',
    metadata: metadata(name, apexMetadata),
    spec: {
      listeners: [
        {
          ...listener,
          ...(perRequest ? { timeout: { http: perRequest } } : {}),
        },
      ],
      serviceDiscovery: {
        dns: { hostname: `${name}.${namespace}.svc.cluster.local.` },
      },
      podSelector: { matchLabels: pods },
      ...(backends.length > 0
        ? {
            backends: backends.map(backend => ({
              virtualService: backend.startsWith('arn:aws')
                ? { virtualServiceARN: backend }
                : { virtualServiceRef: { name: backend } },
            })),
          }
        : {}),
      ...(accessLog
        ? { logging: { accessLog: { file: { path: '/dev/stdout' } } } }
        : {}),
    },
  });

  const headerRoutes = (routes.headerRoutes ?? []).flatMap(route =>
    stepRouteMatches(route).map((match, index, all) => ({
      name:
        all.length > 1
          ? `${apexName}-${route.name}-${index + 1}`
          : `${apexName}-${route.name}`,
      match,
    })),
  );
  let apexRoutes: Json[];
  if (routing.analysisMatch.length > 0) {
    const count = routing.analysisMatch.length;
    apexRoutes = [
      ...routing.analysisMatch.map((match, index) => ({
        name: index === 0 ? `${apexName}-a` : `${apexName}-a${index + 1}`,
        priority: 10 + index,
        httpRoute: httpRoute(
          appMeshMatch(match),
          weighted(routes.canaryWeight, routes.primaryWeight),
        ),
      })),
      {
        name: `${apexName}-b`,
        priority: Math.max(20, 10 + count),
        httpRoute: httpRoute({}, [target(primaryName, 100)]),
      },
    ];
  } else {
    apexRoutes = [
      {
        name: apexName,
        // With header routes, App Mesh must take them first: routes match by priority.
        ...(headerRoutes.length > 0 ? { priority: 1000 } : {}),
        httpRoute: httpRoute(
          {},
          weighted(routes.canaryWeight, routes.primaryWeight),
        ),
      },
      ...headerRoutes.map((route, index) => ({
        name: route.name,
        priority: index,
        httpRoute: httpRoute(appMeshMatch(route.match), [
          target(canaryName, 100),
        ]),
      })),
    ];
  }

  const virtualRouter = (name: string, routerRoutes: Json[]) => ({
    apiVersion: APPMESH_API_VERSION,
    kind: 'VirtualRouter',
    metadata: metadata(name),
    spec: { listeners: [listener], routes: routerRoutes },
  });
  const virtualService = (
    name: string,
    annotations?: Record<string, string>,
  ) => ({
    apiVersion: APPMESH_API_VERSION,
    kind: 'VirtualService',
    metadata: metadata(name, annotations ? { annotations } : {}),
    spec: {
      provider: { virtualRouter: { virtualRouterRef: { name } } },
    },
  });

  return [
    virtualNode(primaryName, podSelectors.primary),
    virtualNode(canaryName, podSelectors.canary),
    virtualRouter(apexName, apexRoutes),
    virtualService(apexName, gatewayAnnotations(routing.hosts, service)),
    virtualRouter(canaryName, [
      { name: canaryName, httpRoute: httpRoute({}, weighted(100, 0)) },
    ]),
    virtualService(canaryName),
  ];
}

/** An Istio HTTPMatchRequest (headers, exact method) as an App Mesh route match, headers by name. */
function appMeshMatch(match: Json): Json {
  const headers = (match.headers ?? {}) as Record<string, Json>;
  const names = Object.keys(headers).sort();
  const method = (match.method as Json | undefined)?.exact;
  return {
    ...(names.length > 0
      ? {
          headers: names.map(name => ({
            name,
            match: { ...headers[name] },
          })),
        }
      : {}),
    ...(typeof method === 'string' ? { method } : {}),
  };
}

/**
 * `spec.service.retries` as App Mesh's HTTP retry policy, with Flagger's defaults: one attempt,
 * 250ms per try, on gateway errors.
 */
function appMeshRetryPolicy(retries: unknown): Json | undefined {
  if (typeof retries !== 'object' || retries === null) return undefined;
  const { attempts, perTryTimeout, retryOn } = retries as Json;
  const events =
    typeof retryOn === 'string' && retryOn !== ''
      ? retryOn.split(',').map(event => event.trim())
      : ['gateway-error'];
  return {
    perRetryTimeout: {
      unit: 'ms',
      value:
        typeof perTryTimeout === 'string' && perTryTimeout !== ''
          ? parseDuration(perTryTimeout)
          : 250,
    },
    maxRetries: typeof attempts === 'number' && attempts > 0 ? attempts : 1,
    httpRetryEvents: events,
  };
}

/**
 * The annotations by which Flagger's App Mesh gateway exposes the apex VirtualService on
 * `spec.service.hosts`, with its timeout and retry attempts; none without hosts.
 */
function gatewayAnnotations(
  hosts: string[],
  service: Json,
): Record<string, string> | undefined {
  if (hosts.length === 0) return undefined;
  const attempts = (service.retries as Json | undefined)?.attempts;
  return {
    'gateway.appmesh.k8s.aws/expose': 'true',
    'gateway.appmesh.k8s.aws/domain': hosts.join(','),
    ...(typeof service.timeout === 'string' && service.timeout !== ''
      ? { 'gateway.appmesh.k8s.aws/timeout': service.timeout }
      : {}),
    ...(typeof attempts === 'number' && attempts > 0
      ? { 'gateway.appmesh.k8s.aws/retries': String(attempts) }
      : {}),
  };
}
