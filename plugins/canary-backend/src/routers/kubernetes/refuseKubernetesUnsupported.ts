import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRoutes } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../readCanaryRouting';

/**
 * Refuses what a Service selector cannot do: it sends all traffic to one workload, so only
 * blue/green (`analysis.iterations`) with weights 100/0 or 0/100 works, without a mesh.
 */
export function refuseKubernetesUnsupported(
  canary: Canary,
  routes?: MeshRoutes,
): void {
  const routing = readCanaryRouting(canary);
  const refuse = (field: string, what: string) => {
    throw new UnsupportedRoutingError(
      'kubernetes',
      field,
      `Canary ${routing.id}: provider kubernetes does not support ${what}; it switches the Service ${routing.apexName} between primary and canary (blue/green with analysis.iterations); use istio, gatewayapi or smi for ${field}`,
    );
  };
  if (routing.analysisMatch.length > 0)
    refuse('analysis.match', 'A/B (analysis.match)');
  if (routing.mirror || routes?.mirrored)
    refuse('analysis.mirror', 'traffic mirroring (analysis.mirror)');
  if (routing.sessionAffinity) {
    refuse(
      'analysis.sessionAffinity',
      'sticky sessions (analysis.sessionAffinity)',
    );
  }
  if (routing.progressive) {
    refuse(
      'analysis.stepWeight',
      'progressive traffic shifting (analysis.stepWeight/stepWeights)',
    );
  }
  if (routes) {
    const { primaryWeight, canaryWeight } = routes;
    const whole =
      (primaryWeight === 100 && canaryWeight === 0) ||
      (primaryWeight === 0 && canaryWeight === 100);
    if (!whole) {
      refuse(
        'analysis.stepWeight',
        `a split of ${primaryWeight}/${canaryWeight} between primary and canary (only 100/0 or 0/100)`,
      );
    }
  }
}
