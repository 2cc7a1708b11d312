import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';

const WEIGHTS_ONLY =
  'a TrafficSplit carries only the weights of its two backends; remove it, or use provider istio or gatewayapi';

/**
 * What the SMI router refuses (MeshRouterFactory's `refuse`): a TrafficSplit splits one service by
 * weight, with no request matching (A/B), no mirroring, no cookies (session affinity) and no
 * route options; and it writes
 * `split.smi-spec.io/v1alpha2`, so Flagger's `smi:v1alpha1` and `smi:v1alpha3` are refused.
 */
export function smiRefusals(canary: Canary): MeshRouterRefusal[] {
  const { hosts, steps } = readCanaryRouting(canary);
  return [
    ...refuseProviderVersion(canary, {
      names: ['smi', 'linkerd', 'osm'],
      versions: ['v1alpha2'],
      notYet: ['v1alpha1', 'v1alpha3'],
      writes:
        'split.smi-spec.io/v1alpha2 TrafficSplits (served by Linkerd with its SMI extension and by OSM)',
    }),
    ...refuseSetFields(canary, 'smi', {
      notSupported: {
        'analysis.match':
          'a TrafficSplit splits by weight only, it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi',
        'analysis.mirror':
          'a TrafficSplit cannot mirror traffic to the canary; use provider istio or gatewayapi',
        'analysis.sessionAffinity':
          'a TrafficSplit splits by weight only, it cannot set cookies nor route by them (sticky sessions); use provider istio or gatewayapi',
        'service.gateways': WEIGHTS_ONLY,
        'service.gatewayRefs': WEIGHTS_ONLY,
        'service.match': WEIGHTS_ONLY,
        'service.rewrite': WEIGHTS_ONLY,
        'service.timeout': WEIGHTS_ONLY,
        'service.backendTimeout': WEIGHTS_ONLY,
        'service.retries': WEIGHTS_ONLY,
        'service.headers': WEIGHTS_ONLY,
        'service.corsPolicy': WEIGHTS_ONLY,
        'service.trafficPolicy': WEIGHTS_ONLY,
        'service.delegation':
          'it makes the Istio VirtualService a delegate, and a TrafficSplit is not one; remove it, or use provider istio',
      },
    }),
    ...steps.flatMap((step, index) =>
      (['setHeaderRoute', 'setMirrorRoute'] as const)
        .filter(kind => step[kind] !== undefined)
        .map(kind => ({
          field: `analysis.steps[${index}].${kind}`,
          message: `analysis.steps[${index}].${kind} is not supported by provider smi: ${
            kind === 'setHeaderRoute'
              ? 'a TrafficSplit splits by weight only, it cannot send requests with a header to the canary'
              : 'a TrafficSplit cannot mirror requests to the canary'
          }; use setWeight and pause steps, or provider istio or gatewayapi`,
        })),
    ),
    ...(hosts.length > 1
      ? [
          {
            field: 'service.hosts',
            message: `service.hosts is not supported by provider smi with more than one host: its TrafficSplit splits one service, the first host (got ${hosts.length}); keep one`,
          },
        ]
      : []),
  ];
}
