import type { Canary } from '@vane/plugin-canary-common';
import {
  type MeshRouterRefusal,
  UnsupportedRoutingError,
} from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';
import { toGlooMatchers } from './toGlooMatchers';

const DELEGATED =
  'Vane writes the RouteTable a Gloo VirtualService delegates to, as Flagger does, and the VirtualService';
const ROUTE_OPTIONS = `${DELEGATED} route that delegates holds the route options, which its RouteTable's routes inherit; remove it and set it in that route's options`;

/** The first match condition Gloo cannot express, as a refusal. */
function matchRefusals(
  matches: Array<Record<string, unknown>>,
  field: string,
): MeshRouterRefusal[] {
  try {
    toGlooMatchers(matches, field);
    return [];
  } catch (error) {
    if (error instanceof UnsupportedRoutingError) {
      return [{ field: error.field, message: error.message }];
    }
    throw error;
  }
}

/**
 * What the Gloo router refuses (MeshRouterFactory's `refuse`): what belongs to the Gloo
 * VirtualService that delegates to the RouteTable (hosts, paths, route options), Istio's and
 * Gateway API's own fields, match conditions Gloo's matchers cannot express, session affinity
 * (not written yet), and provider versions other than `gloo:v1`.
 */
export function glooRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  return [
    ...refuseProviderVersion(canary, {
      names: ['gloo'],
      versions: ['v1'],
      writes:
        'gateway.solo.io/v1 RouteTables and gloo.solo.io/v1 Upstreams (Gloo Edge 1.x)',
    }),
    ...refuseSetFields(canary, 'gloo', {
      notSupported: {
        'service.hosts': `${DELEGATED} names the domains (virtualHost.domains); remove it and list them there`,
        'service.gateways':
          "it lists the Istio gateways of a VirtualService; Gloo's gateway-proxy serves the RouteTable through the Gloo VirtualService that delegates to it; remove it",
        'service.gatewayRefs':
          "it lists the Gateway API Gateways of an HTTPRoute; Gloo's gateway-proxy serves the RouteTable through the Gloo VirtualService that delegates to it; remove it, or use provider gatewayapi",
        'service.match': `${DELEGATED} route that delegates holds the path matcher, which the RouteTable's routes inherit (inheritablePathMatchers); remove it and match the path there`,
        'service.rewrite': ROUTE_OPTIONS,
        'service.timeout': ROUTE_OPTIONS,
        'service.backendTimeout': ROUTE_OPTIONS,
        'service.retries': ROUTE_OPTIONS,
        'service.headers': ROUTE_OPTIONS,
        'service.corsPolicy': ROUTE_OPTIONS,
        'service.trafficPolicy':
          'it is copied to Istio DestinationRules, which provider gloo does not write, and the Upstreams Vane writes carry no connection settings; remove it',
        'service.delegation':
          'it makes the Istio VirtualService a delegate; the RouteTable Vane writes is a delegate already; remove it',
      },
      notYet: {
        'analysis.sessionAffinity':
          'the RouteTable Vane writes sets no cookie nor routes by one yet; remove it, or use provider istio or gatewayapi',
      },
    }),
    ...matchRefusals(routing.analysisMatch, 'analysis.match'),
    ...stepRefusals(routing.steps),
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What Gloo cannot express of Argo Rollouts' setMirrorRoute matches: a path (the routes inherit
 * the delegating route's) and a method matched other than exactly. setHeaderRoute's header
 * matches (exact, prefix, regex) all can.
 */
function stepRefusals(
  steps: Array<Record<string, unknown>>,
): MeshRouterRefusal[] {
  return steps.flatMap((step, index) => {
    const route = isRecord(step.setMirrorRoute) ? step.setMirrorRoute : {};
    const matches = Array.isArray(route.match) ? route.match : [];
    return matches.filter(isRecord).flatMap((match, m) => {
      const at = `analysis.steps[${index}].setMirrorRoute.match[${m}]`;
      const refusals: MeshRouterRefusal[] = [];
      if (match.path !== undefined) {
        refusals.push({
          field: `${at}.path`,
          message: `${at}.path is not supported by provider gloo: the RouteTable's routes take their path from the VirtualService route that delegates to them; remove it, and mirror by headers or method`,
        });
      }
      if (isRecord(match.method) && !('exact' in match.method)) {
        refusals.push({
          field: `${at}.method`,
          message: `${at}.method is not supported by provider gloo: Gloo matches a method exactly; write it with exact`,
        });
      }
      return refusals;
    });
  });
}
