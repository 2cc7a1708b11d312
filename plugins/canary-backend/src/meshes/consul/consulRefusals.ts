import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';
import { toConsulHttpMatches } from './toConsulHttpMatches';

const NO_MIRROR =
  "Consul's config entries cannot mirror requests: neither ServiceRouter nor ServiceSplitter has a field that copies traffic to another service";
const BY_SERVICE_NAME =
  "Consul routes a request by the service its client dials: the apex's ServiceRouter and ServiceSplitter apply to every client of it, under any host name";
const NOT_WRITTEN_YET =
  "Vane's consul router does not write it to the ServiceRouter yet; remove it, or use provider istio";

/** The first condition of `matches` a ServiceRouter cannot express, as a refusal. */
function matchRefusals(
  matches: Array<Record<string, unknown>>,
  field: string,
): MeshRouterRefusal[] {
  try {
    toConsulHttpMatches(matches, field);
    return [];
  } catch (error) {
    if (error instanceof UnsupportedRoutingError) {
      return [{ field: error.field, message: error.message }];
    }
    throw error;
  }
}

/**
 * What the Consul router refuses (MeshRouterFactory's `refuse`): mirroring (Consul has none),
 * the Istio and Gateway API fields that name gateways, hosts or a VirtualService's own routing,
 * the route options it does not write yet, match conditions a ServiceRouter cannot express,
 * and provider versions other than `consul:v1alpha1`.
 */
export function consulRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  return [
    ...refuseProviderVersion(canary, {
      names: ['consul'],
      versions: ['v1alpha1'],
      writes:
        'consul.hashicorp.com/v1alpha1 ServiceSplitters, ServiceRouters and ServiceDefaults (the consul-k8s CRDs)',
    }),
    ...refuseSetFields(canary, 'consul', {
      notSupported: {
        'analysis.mirror': `${NO_MIRROR}; use provider istio or gatewayapi`,
        'service.hosts': `${BY_SERVICE_NAME}; remove it`,
        'service.gateways':
          'it lists the Istio gateways of a VirtualService; Consul routes the clients of the apex inside the mesh; remove it, or use provider istio',
        'service.gatewayRefs':
          'it attaches a Gateway API HTTPRoute to Gateways, and Vane writes no route for Consul API Gateway; remove it, or use provider gatewayapi',
        'service.match': `${BY_SERVICE_NAME}, and requests a route does not match still reach the service; remove it, or use provider istio`,
        'service.trafficPolicy':
          "it is copied to Istio DestinationRules; set the load balancing in the Consul service's ServiceResolver, or use provider istio",
        'service.delegation':
          'it makes the Istio VirtualService a delegate, and Consul config entries are not; remove it, or use provider istio',
        'service.corsPolicy':
          'Consul config entries have no CORS policy; remove it, or use provider istio or gatewayapi',
        'service.backendTimeout':
          'it is a Gateway API rule timeout; remove it, or use provider gatewayapi',
      },
      notYet: {
        'service.rewrite': NOT_WRITTEN_YET,
        'service.timeout': NOT_WRITTEN_YET,
        'service.retries': NOT_WRITTEN_YET,
        'service.headers': NOT_WRITTEN_YET,
      },
    }),
    ...matchRefusals(routing.analysisMatch, 'analysis.match'),
    // setHeaderRoute's header values (exact, prefix or regex) are all ServiceRouter matches.
    ...routing.steps.flatMap((step, index): MeshRouterRefusal[] => {
      if (step.setMirrorRoute === undefined) return [];
      const field = `analysis.steps[${index}].setMirrorRoute`;
      return [
        {
          field,
          message: `${field} is not supported by provider consul: ${NO_MIRROR}; use setWeight, pause and setHeaderRoute steps, or provider istio or gatewayapi`,
        },
      ];
    }),
  ];
}
