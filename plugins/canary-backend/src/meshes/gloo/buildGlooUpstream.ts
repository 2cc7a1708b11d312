import type { Canary } from '@vane/plugin-canary-common';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { glooUpstreamName } from './glooUpstreamName';

/** The Gloo API version of the Upstreams Vane writes (Gloo Edge 1.x). */
export const GLOO_UPSTREAM_API_VERSION = 'gloo.solo.io/v1';

/**
 * The Upstream of the primary or canary Service, as Flagger writes it (it stopped relying on
 * Gloo's discovery, which may be off): a kube upstream of the Service's port in the Canary's
 * namespace. Flagger also copies the Service's selector into it; without one Gloo sends to the
 * Service's endpoints, which are the pods that selector picks, so Vane leaves it out and the
 * Upstream cannot drift from the Service.
 */
export function buildGlooUpstream(
  canary: Canary,
  role: 'primary' | 'canary',
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  return {
    apiVersion: GLOO_UPSTREAM_API_VERSION,
    kind: 'Upstream',
    metadata: {
      name: glooUpstreamName(routing, role),
      namespace: routing.namespace,
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec: {
      kube: {
        serviceName:
          role === 'primary' ? routing.primaryName : routing.canaryName,
        serviceNamespace: routing.namespace,
        servicePort: routing.port,
      },
    },
  };
}
