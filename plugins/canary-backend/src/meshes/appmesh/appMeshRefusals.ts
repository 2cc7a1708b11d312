import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';

/** The retry events an App Mesh HTTP retry policy takes (`httpRetryEvents`). */
export const APPMESH_HTTP_RETRY_EVENTS = [
  'server-error',
  'gateway-error',
  'client-error',
  'stream-error',
] as const;

/** The match kinds an App Mesh header match takes, of those Flagger's match conditions write. */
const HEADER_MATCH_KINDS = ['exact', 'prefix', 'suffix', 'regex'];

const ROUTE_ONLY =
  'an App Mesh VirtualRouter route carries a path prefix, header matches, weighted targets, a timeout and a retry policy only';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the App Mesh router refuses (MeshRouterFactory's `refuse`): what a VirtualRouter route
 * cannot carry (mirroring, cookies set for session affinity, rewrites, header operations, CORS,
 * Istio's gateways and traffic policy, Gateway API's gatewayRefs), match conditions other than
 * headers and an exact method, a `service.match` other than one URI prefix, retry events App
 * Mesh does not know, gRPC ports (App Mesh routes them by grpcRoute, not written yet), and
 * provider versions other than `appmesh:v1beta2` (Flagger's plain `appmesh` writes the old
 * v1beta1 API; Vane writes v1beta2 for both).
 */
export function appMeshRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  const service = (canary.spec?.service ?? {}) as Record<string, unknown>;
  const refusals: MeshRouterRefusal[] = [
    ...refuseProviderVersion(canary, {
      names: ['appmesh'],
      versions: ['v1beta2'],
      writes:
        'appmesh.k8s.aws/v1beta2 VirtualNodes, VirtualRouters and VirtualServices (the App Mesh controller v1.0 and later)',
    }),
    ...refuseSetFields(canary, 'appmesh', {
      notSupported: {
        'analysis.mirror':
          'App Mesh cannot mirror traffic (a route only splits it by weight); remove it, or use provider istio or gatewayapi',
        'analysis.sessionAffinity':
          'App Mesh routes set no cookies, so they cannot keep a user on the canary (sticky sessions); remove it, or use provider istio or gatewayapi',
        'service.gateways':
          'it lists the Istio gateways of a VirtualService; with App Mesh, expose the apex through the App Mesh gateway (service.hosts); remove it',
        'service.gatewayRefs':
          'it attaches a Gateway API HTTPRoute, which provider appmesh does not write; remove it, or use provider gatewayapi',
        'service.rewrite': `${ROUTE_ONLY}, no rewrite; remove it, or use provider istio or gatewayapi`,
        'service.headers': `${ROUTE_ONLY}, no header operations; remove it, or use provider istio or gatewayapi`,
        'service.corsPolicy': `${ROUTE_ONLY}, no CORS policy; remove it, or use provider istio or gatewayapi`,
        'service.backendTimeout': `${ROUTE_ONLY}: its one timeout is service.timeout; remove it`,
        'service.trafficPolicy':
          'it is copied to Istio DestinationRules, which provider appmesh does not write; set TLS and connection pools on the VirtualNodes through App Mesh, and remove it',
        'service.delegation':
          'it makes the Istio VirtualService a delegate, and App Mesh has none; remove it, or use provider istio',
      },
    }),
  ];

  const serviceMatch = routing.serviceMatch;
  const onePrefix =
    serviceMatch.length === 1 &&
    Object.keys(serviceMatch[0]).length === 1 &&
    isRecord(serviceMatch[0].uri) &&
    Object.keys(serviceMatch[0].uri).length === 1 &&
    typeof serviceMatch[0].uri.prefix === 'string';
  if (serviceMatch.length > 0 && !onePrefix) {
    refusals.push({
      field: 'service.match',
      message:
        'service.match is not supported by provider appmesh other than as one uri prefix: App Mesh routes carry a single path prefix (as Flagger writes it); keep one match with uri.prefix, or use provider istio or gatewayapi',
    });
  }

  routing.analysisMatch.forEach((match, index) => {
    for (const [key, value] of Object.entries(match)) {
      const at = `analysis.match[${index}].${key}`;
      if (key === 'headers' && isRecord(value)) {
        for (const [name, condition] of Object.entries(value)) {
          const kinds = isRecord(condition) ? Object.keys(condition) : [];
          if (
            kinds.length !== 1 ||
            !HEADER_MATCH_KINDS.includes(kinds[0]) ||
            typeof (condition as Record<string, unknown>)[kinds[0]] !== 'string'
          ) {
            refusals.push({
              field: `${at}.${name}`,
              message: `${at}.${name} is not supported by provider appmesh: App Mesh matches a header by one of exact, prefix, suffix or regex; write it with one of them`,
            });
          }
        }
      } else if (
        key === 'method' &&
        isRecord(value) &&
        Object.keys(value).length === 1 &&
        typeof value.exact === 'string'
      ) {
        // An exact method is App Mesh's route match `method`.
      } else {
        refusals.push({
          field: at,
          message: `${at} is not supported by provider appmesh: its A/B routes match headers and an exact method (the path prefix is service.match's); remove it, or use provider istio or gatewayapi`,
        });
      }
    }
  });

  const retryOn = isRecord(service.retries) ? service.retries.retryOn : '';
  if (typeof retryOn === 'string' && retryOn !== '') {
    const unknown = retryOn
      .split(',')
      .map(event => event.trim())
      .filter(
        event =>
          !(APPMESH_HTTP_RETRY_EVENTS as readonly string[]).includes(event),
      );
    if (unknown.length > 0) {
      refusals.push({
        field: 'service.retries.retryOn',
        message: `service.retries.retryOn is not supported by provider appmesh with ${unknown.join(
          ', ',
        )}: App Mesh retries on the HTTP events ${APPMESH_HTTP_RETRY_EVENTS.join(
          ', ',
        )}; list those (comma-separated), or leave it out for gateway-error`,
      });
    }
  }

  if (
    typeof service.portName === 'string' &&
    service.portName.includes('grpc')
  ) {
    refusals.push({
      field: 'service.portName',
      message: `service.portName is not supported yet by provider appmesh as "${service.portName}": a port named grpc makes App Mesh listeners gRPC, whose VirtualRouters route by grpcRoute, which Vane does not write yet (Flagger writes httpRoutes there, which App Mesh does not serve); name the port without grpc to route it as HTTP`,
    });
  }

  routing.steps.forEach((step, index) => {
    if (step.setMirrorRoute !== undefined) {
      refusals.push({
        field: `analysis.steps[${index}].setMirrorRoute`,
        message: `analysis.steps[${index}].setMirrorRoute is not supported by provider appmesh: App Mesh cannot mirror requests to the canary; use setWeight, setHeaderRoute and pause steps, or provider istio or gatewayapi`,
      });
    }
  });
  return refusals;
}
