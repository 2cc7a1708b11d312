import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';

const INGRESS_ROUTE =
  "a TraefikService carries only the weights (or the mirror) of its services; hosts, paths and middlewares are the IngressRoute's that routes to it, which Vane does not write (as Flagger does not); remove it and set it on the IngressRoute";
const NO_MATCHING =
  'a TraefikService has no request matching: the matching is the rule of the IngressRoute that routes to it, which sends all its requests there';

/**
 * What the Traefik router refuses (MeshRouterFactory's `refuse`): request matching (A/B and
 * Argo Rollouts' header and mirror routes: a TraefikService weighs or mirrors all the requests
 * it gets), what belongs to the IngressRoute, Istio's and Gateway API's own fields, session
 * affinity (not written yet), and provider versions other than `traefik:v1alpha1`, so Traefik's
 * older `traefik.containo.us` API is never assumed.
 */
export function traefikRefusals(canary: Canary): MeshRouterRefusal[] {
  const { steps } = readCanaryRouting(canary);
  return [
    ...refuseProviderVersion(canary, {
      names: ['traefik'],
      versions: ['v1alpha1'],
      writes:
        'traefik.io/v1alpha1 TraefikServices (Traefik 2.10 and later; not the traefik.containo.us API of older releases)',
    }),
    ...refuseSetFields(canary, 'traefik', {
      notSupported: {
        'analysis.match': `${NO_MATCHING}; use provider gatewayapi with Traefik's Gateway API provider for A/B testing`,
        'service.hosts': INGRESS_ROUTE,
        'service.match': INGRESS_ROUTE,
        'service.rewrite': INGRESS_ROUTE,
        'service.timeout': INGRESS_ROUTE,
        'service.backendTimeout': INGRESS_ROUTE,
        'service.retries': INGRESS_ROUTE,
        'service.headers': INGRESS_ROUTE,
        'service.corsPolicy': INGRESS_ROUTE,
        'service.gateways':
          'it lists the Istio gateways of a VirtualService; Traefik serves the TraefikService through the IngressRoutes that route to it; remove it',
        'service.gatewayRefs':
          "it lists the Gateway API Gateways of an HTTPRoute; remove it, or use provider gatewayapi with Traefik's Gateway API provider",
        'service.trafficPolicy':
          'it is copied to Istio DestinationRules, which provider traefik does not write; remove it',
        'service.delegation':
          'it makes the Istio VirtualService a delegate, and a TraefikService is not one; remove it',
      },
      notYet: {
        'analysis.sessionAffinity':
          "the TraefikService Vane writes sets no cookie yet (Traefik's sticky cookie keeps a client on the service it first got, not Flagger's canary cookie); remove it, or use provider istio or gatewayapi",
      },
    }),
    ...steps.flatMap((step, index) =>
      (['setHeaderRoute', 'setMirrorRoute'] as const)
        .filter(kind => step[kind] !== undefined)
        .map(kind => ({
          field: `analysis.steps[${index}].${kind}`,
          message: `analysis.steps[${index}].${kind} is not supported by provider traefik: ${NO_MATCHING}; use setWeight and pause steps${
            kind === 'setMirrorRoute'
              ? ', or analysis.mirror to mirror all requests'
              : ''
          }, or provider gatewayapi`,
        })),
    ),
  ];
}
