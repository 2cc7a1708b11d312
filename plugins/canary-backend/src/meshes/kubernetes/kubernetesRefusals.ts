import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';

/**
 * What the kubernetes router refuses (MeshRouterFactory's `refuse`): it switches the apex
 * Service's selector between primary and canary, all traffic at once, and writes no routing
 * object; so only blue/green (`analysis.iterations`) without matches, mirroring or session
 * affinity, and no route options.
 */
export function kubernetesRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  const switches = `it switches the Service ${routing.apexName} between primary and canary, all traffic at once (blue/green with analysis.iterations)`;
  const noRoutingObject = `provider kubernetes writes no routing object, only the selector of the Service ${routing.apexName}; remove it, or use provider istio, gatewayapi or smi`;
  // Read as it came from the cluster: Flagger's older manifests call it `canaryAnalysis`.
  const spec = canary.spec as any;
  const analysis = spec?.analysis ?? spec?.canaryAnalysis ?? {};
  const stepField =
    analysis.stepWeights !== undefined
      ? 'analysis.stepWeights'
      : 'analysis.stepWeight';
  return [
    ...refuseProviderVersion(canary, {
      names: ['kubernetes'],
      versions: [],
      writes: 'the selector of the apex Service',
    }),
    ...(routing.progressive
      ? [
          {
            field: stepField,
            message: `${stepField} is not supported by provider kubernetes: ${switches}; use provider istio, gatewayapi or smi for weight steps`,
          },
        ]
      : []),
    ...(routing.steps.length > 0
      ? [
          {
            field: 'analysis.steps',
            message: `analysis.steps is not supported by provider kubernetes: ${switches}; release by iterations, or use provider istio, gatewayapi or smi for steps`,
          },
        ]
      : []),
    ...refuseSetFields(canary, 'kubernetes', {
      notSupported: {
        'analysis.match': `${switches}, it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi`,
        'analysis.mirror': `${switches}, it cannot mirror traffic; use provider istio or gatewayapi`,
        'analysis.sessionAffinity': `${switches}, it cannot set cookies nor route by them (sticky sessions); use provider istio or gatewayapi`,
        'service.gateways': noRoutingObject,
        'service.gatewayRefs': noRoutingObject,
        'service.hosts': noRoutingObject,
        'service.match': noRoutingObject,
        'service.rewrite': noRoutingObject,
        'service.timeout': noRoutingObject,
        'service.backendTimeout': noRoutingObject,
        'service.retries': noRoutingObject,
        'service.headers': noRoutingObject,
        'service.corsPolicy': noRoutingObject,
        'service.trafficPolicy': noRoutingObject,
        'service.delegation': noRoutingObject,
      },
    }),
  ];
}
