import type { Canary } from '@vane/plugin-canary-common';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { smiRefusals } from './smiRefusals';

/** The SMI version Vane writes: v1alpha2, which Linkerd's SMI extension and OSM serve. */
export const SMI_API_VERSION = 'split.smi-spec.io/v1alpha2';

/**
 * Builds the TrafficSplit `<name>` that splits the apex Service (or the first of
 * `spec.service.hosts`) between canary and primary, backends in Flagger's order.
 */
export function buildTrafficSplit(
  canary: Canary,
  routes: MeshRoutes,
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  throwIfRefused('smi', routing.id, smiRefusals(canary));
  if (routes.mirrored) {
    throw new UnsupportedRoutingError(
      'smi',
      'analysis.mirror',
      `Canary ${routing.id}: provider smi cannot mirror traffic: a TrafficSplit carries only weights`,
    );
  }
  return {
    apiVersion: SMI_API_VERSION,
    kind: 'TrafficSplit',
    metadata: {
      name: routing.apexName,
      namespace: routing.namespace,
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec: {
      service: routing.hosts[0] ?? routing.apexName,
      backends: [
        { service: routing.canaryName, weight: routes.canaryWeight },
        { service: routing.primaryName, weight: routes.primaryWeight },
      ],
    },
  };
}
