import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../readCanaryRouting';
import { refuseKubernetesUnsupported } from './refuseKubernetesUnsupported';

/** The pod selectors of the `<name>-primary` and `<name>-canary` Services. */
export interface BlueGreenSelectors {
  primary: Record<string, string>;
  canary: Record<string, string>;
}

/**
 * The part of the apex Service `<name>` that Vane owns in blue/green without a mesh: its pod
 * selector, copied from the `<name>-primary` Service when the primary takes the traffic and from
 * `<name>-canary` when the canary does. The rest of the Service is left as it is.
 */
export function buildBlueGreenService(
  canary: Canary,
  routes: MeshRoutes,
  selectors: BlueGreenSelectors,
): KubernetesObjectLike {
  refuseKubernetesUnsupported(canary, routes);
  const { apexName, namespace } = readCanaryRouting(canary);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: apexName, namespace },
    spec: {
      selector: {
        ...(routes.canaryWeight === 100 ? selectors.canary : selectors.primary),
      },
    },
  };
}
