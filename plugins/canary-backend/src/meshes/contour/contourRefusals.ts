import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import { toContourConditions } from './toContourConditions';

/** Contour's RetryOn values (projectcontour.io/v1), which its CRD enforces. */
const CONTOUR_RETRY_ON = [
  '5xx',
  'gateway-error',
  'reset',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
];

const ROOT_PROXY =
  'the HTTPProxy Vane writes has no virtualhost: your root HTTPProxy includes it and holds the host, TLS and CORS settings; set it there';

/** The refusal of what `build` throws as UnsupportedRoutingError, none when it builds. */
function refusalsOf(build: () => unknown): MeshRouterRefusal[] {
  try {
    build();
    return [];
  } catch (error) {
    if (error instanceof UnsupportedRoutingError) {
      return [{ field: error.field, message: error.message }];
    }
    throw error;
  }
}

/**
 * What the Contour router refuses (MeshRouterFactory's `refuse`): fields of Istio and Gateway API
 * an HTTPProxy route has no place for, what belongs to the root HTTPProxy (hosts, CORS), match
 * conditions beyond a path and headers, a `spec.service.match` other than one URI prefix (the
 * prefix of every route, as Flagger reads it), retry conditions Contour does not know, and
 * what the router does not write yet (header changes, rewrites, session affinity).
 */
export function contourRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  const refusals: MeshRouterRefusal[] = [
    ...refuseProviderVersion(canary, {
      names: ['contour'],
      versions: [],
      writes: 'projectcontour.io/v1 HTTPProxies',
    }),
    ...refuseSetFields(canary, 'contour', {
      notSupported: {
        'service.gateways':
          'it lists the Istio gateways of a VirtualService; the HTTPProxy is served by Contour wherever your root HTTPProxy includes it',
        'service.gatewayRefs':
          'it attaches a Gateway API HTTPRoute to Gateways; the HTTPProxy is served by Contour wherever your root HTTPProxy includes it, or use provider gatewayapi',
        'service.hosts': ROOT_PROXY,
        'service.corsPolicy': ROOT_PROXY,
        'service.trafficPolicy':
          'it is copied to Istio DestinationRules, which provider contour does not write; set the policy in the HTTPProxy route, or use provider istio',
        'service.delegation':
          'it makes the Istio VirtualService a delegate; an HTTPProxy is included by your root HTTPProxy instead; remove it',
        'service.backendTimeout':
          "an HTTPProxy route has a response timeout (service.timeout) and a per-try timeout (service.retries.perTryTimeout), no backend timeout of Gateway API's; use those",
      },
      notYet: {
        'service.headers':
          "Vane's HTTPProxy sets only Flagger's l5d-dst-override request header; remove it",
        'service.rewrite':
          "Vane's HTTPProxy rewrites no path; remove it, or use provider istio or gatewayapi",
        'analysis.sessionAffinity':
          "Vane's HTTPProxy sets no cookie on the canary's answers; use provider istio or gatewayapi",
      },
    }),
  ];

  const { serviceMatch } = routing;
  const uri = serviceMatch[0]?.uri as Record<string, unknown> | undefined;
  const onePrefix =
    serviceMatch.length === 1 &&
    Object.keys(serviceMatch[0]).length === 1 &&
    uri !== undefined &&
    Object.keys(uri).length === 1 &&
    typeof uri.prefix === 'string';
  if (serviceMatch.length > 0 && !onePrefix) {
    refusals.push({
      field: 'service.match',
      message:
        'service.match is not supported by provider contour other than as one URI prefix ([{uri: {prefix: /api}}]): it is the prefix of every route of the HTTPProxy, as Flagger reads it; match other conditions in your root HTTPProxy',
    });
  }

  const retryOn = (canary.spec?.service as { retries?: { retryOn?: unknown } })
    ?.retries?.retryOn;
  if (typeof retryOn === 'string' && retryOn !== '') {
    const unknown = retryOn
      .split(',')
      .map(v => v.trim())
      .filter(v => !CONTOUR_RETRY_ON.includes(v));
    if (unknown.length > 0) {
      refusals.push({
        field: 'service.retries.retryOn',
        message: `service.retries.retryOn is not supported by provider contour with ${unknown.join(
          ', ',
        )}: Contour retries on ${CONTOUR_RETRY_ON.join(', ')}`,
      });
    }
  }

  const prefix = onePrefix ? (uri!.prefix as string) : '/';
  refusals.push(
    ...refusalsOf(() =>
      toContourConditions(routing.analysisMatch, 'analysis.match', prefix),
    ),
  );
  routing.steps.forEach((step, index) => {
    for (const kind of ['setHeaderRoute', 'setMirrorRoute'] as const) {
      const route = step[kind] as Parameters<typeof stepRouteMatches>[0];
      if (!route) continue;
      refusals.push(
        ...refusalsOf(() =>
          toContourConditions(
            stepRouteMatches(route),
            `analysis.steps[${index}].${kind}.match`,
            prefix,
          ),
        ),
      );
    }
  });
  return refusals;
}
