import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { kubernetesRefusals } from './kubernetesRefusals';

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
  const { id, apexName, namespace } = readCanaryRouting(canary);
  throwIfRefused('kubernetes', id, kubernetesRefusals(canary));
  const { primaryWeight, canaryWeight } = routes;
  const whole =
    (primaryWeight === 100 && canaryWeight === 0) ||
    (primaryWeight === 0 && canaryWeight === 100);
  if (!whole || routes.mirrored) {
    throw new UnsupportedRoutingError(
      'kubernetes',
      'analysis.stepWeight',
      `Canary ${id}: provider kubernetes cannot route ${primaryWeight}/${canaryWeight}${
        routes.mirrored ? ' with mirroring' : ''
      } between primary and canary: it switches the Service ${apexName} between them, 100/0 or 0/100`,
    );
  }
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
