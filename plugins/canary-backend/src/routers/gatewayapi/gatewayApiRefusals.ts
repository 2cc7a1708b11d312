import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../readCanaryRouting';
import { refuseProviderVersion } from '../refuseProviderVersion';
import { refuseSetFields } from '../refuseSetFields';
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
 * What the Gateway API router refuses (MeshRouterFactory's `refuse`): Istio-only fields, the
 * HTTPRoute filters it does not write yet, match conditions Gateway API cannot express, and
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
      },
      notYet: {
        'service.rewrite': `the HTTPRoute Vane writes has no URLRewrite filter; ${orIstio}`,
        'service.timeout': `the HTTPRoute Vane writes sets no request timeout; ${orIstio}`,
        'service.headers': `the HTTPRoute Vane writes has no header modifier filters; ${orIstio}`,
        'service.corsPolicy': `the HTTPRoute Vane writes has no CORS filter; ${orIstio}`,
      },
    }),
    ...matchRefusals(routing.serviceMatch, 'service.match'),
    ...matchRefusals(routing.analysisMatch, 'analysis.match'),
  ];
}
