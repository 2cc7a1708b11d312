import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { parseDuration } from '@vane/plugin-canary-common';
import {
  CanaryRouting,
  readCanaryRouting,
} from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';
import { gatewayApiStepRefusals } from './gatewayApiStepRefusals';
import { toHttpRouteMatches } from './toHttpRouteMatches';

/** The first match condition of `matches` that Gateway API cannot express, as a refusal. */
function matchRefusals(
  matches: Array<Record<string, unknown>>,
  field: string,
): MeshRouterRefusal[] {
  try {
    toHttpRouteMatches(matches, field);
    return [];
  } catch (error) {
    if (error instanceof UnsupportedRoutingError) {
      return [{ field: error.field, message: error.message }];
    }
    throw error;
  }
}

/**
 * What the Gateway API router refuses (MeshRouterFactory's `refuse`): Istio-only fields, match
 * conditions, timeouts, CORS settings and prefix rewrites Gateway API cannot express, and
 * provider versions other than Flagger's `gatewayapi:v1` and `gatewayapi:v1beta1`.
 */
export function gatewayApiRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  const orIstio = 'remove it, or use provider istio';
  return [
    ...refuseProviderVersion(canary, {
      names: ['gatewayapi'],
      versions: ['v1', 'v1beta1'],
      writes:
        'gateway.networking.k8s.io/v1beta1 HTTPRoutes (the objects the v1 API serves too)',
    }),
    ...refuseSetFields(canary, 'gatewayapi', {
      notSupported: {
        'service.gateways':
          'it lists the Istio gateways of a VirtualService; attach the HTTPRoute to Gateways with service.gatewayRefs',
        'service.trafficPolicy': `it is copied to Istio DestinationRules, which provider gatewayapi does not write; set the policy in your Gateway API implementation, or use provider istio`,
        'service.retries': `the HTTPRoute version Vane writes (v1beta1) has no retry policy, and Flagger's Gateway API router writes none either; ${orIstio}`,
        'service.delegation': `it makes the Istio VirtualService a delegate, and an HTTPRoute is not one; ${orIstio}`,
      },
    }),
    ...matchRefusals(routing.serviceMatch, 'service.match'),
    ...matchRefusals(routing.analysisMatch, 'analysis.match'),
    ...timeoutRefusals(routing),
    ...corsRefusals(routing),
    ...prefixRewriteRefusals(routing),
    ...gatewayApiStepRefusals(routing),
  ];
}

/** Gateway API's Duration (GEP-2257): up to four whole numbers of h, m, s or ms. */
const GATEWAY_API_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

function timeoutRefusals(routing: CanaryRouting): MeshRouterRefusal[] {
  const { timeout, backendTimeout } = routing.routeOptions;
  const refusals: MeshRouterRefusal[] = [];
  for (const [field, value] of [
    ['service.timeout', timeout],
    ['service.backendTimeout', backendTimeout],
  ] as const) {
    if (value !== undefined && !GATEWAY_API_DURATION.test(value)) {
      refusals.push({
        field,
        message: `${field} is not supported by provider gatewayapi as "${value}": Gateway API durations are whole numbers of h, m, s or ms (GEP-2257), such as 1500ms or 1m30s`,
      });
    }
  }
  if (
    refusals.length === 0 &&
    timeout !== undefined &&
    backendTimeout !== undefined &&
    parseDuration(timeout) > 0 &&
    parseDuration(backendTimeout) > parseDuration(timeout)
  ) {
    refusals.push({
      field: 'service.backendTimeout',
      message: `service.backendTimeout must not exceed service.timeout on provider gatewayapi (got ${backendTimeout} > ${timeout}): a request cannot wait on its backend longer than it may take in all`,
    });
  }
  return refusals;
}

function corsRefusals(routing: CanaryRouting): MeshRouterRefusal[] {
  const cors = routing.routeOptions.corsPolicy;
  if (!cors) return [];
  const refusals: MeshRouterRefusal[] = [];
  if (Array.isArray(cors.allowOrigins) && cors.allowOrigins.length > 0) {
    refusals.push({
      field: 'service.corsPolicy.allowOrigins',
      message:
        "service.corsPolicy.allowOrigins is not supported by provider gatewayapi: Gateway API's CORS filter takes origins as written (a * matches any characters), not Istio's string matches, and Flagger drops them; list the origins in corsPolicy.allowOrigin",
    });
  }
  if (typeof cors.maxAge === 'string' && cors.maxAge !== '') {
    let seconds: number | undefined;
    try {
      seconds = parseDuration(cors.maxAge) / 1000;
    } catch {
      seconds = undefined;
    }
    if (seconds === undefined || seconds < 1) {
      refusals.push({
        field: 'service.corsPolicy.maxAge',
        message: `service.corsPolicy.maxAge is not supported by provider gatewayapi as "${cors.maxAge}": Gateway API's CORS filter takes it in whole seconds, at least 1s`,
      });
    }
  }
  return refusals;
}

/**
 * Gateway API replaces a matched prefix only in a rule with exactly one PathPrefix match (a CEL
 * rule of HTTPRoute, which the API server enforces): refused before the route is written.
 */
function prefixRewriteRefusals(routing: CanaryRouting): MeshRouterRefusal[] {
  const rewrite = routing.routeOptions.rewrite;
  if (rewrite?.type !== 'ReplacePrefixMatch' || !rewrite.uri) return [];
  const service = routing.serviceMatch;
  const onePrefix =
    service.length === 0 ||
    (service.length === 1 &&
      typeof (service[0].uri as Record<string, unknown> | undefined)?.prefix ===
        'string');
  if (onePrefix && routing.analysisMatch.length <= 1) return [];
  return [
    {
      field: 'service.rewrite.type',
      message:
        'service.rewrite.type ReplacePrefixMatch is not supported by provider gatewayapi with these matches: Gateway API replaces a matched prefix only in a rule with exactly one PathPrefix match, so service.match must be a single uri prefix (or absent) and analysis.match a single condition; use ReplaceFullPath, or fewer matches',
    },
  ];
}
