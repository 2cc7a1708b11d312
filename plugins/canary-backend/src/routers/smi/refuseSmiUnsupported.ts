import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRoutes } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../readCanaryRouting';

/**
 * Refuses what a TrafficSplit cannot carry: it splits by weight only, with no request matching
 * and no mirroring.
 */
export function refuseSmiUnsupported(
  canary: Canary,
  routes?: MeshRoutes,
): void {
  const routing = readCanaryRouting(canary);
  const refuse = (field: string, what: string) => {
    throw new UnsupportedRoutingError(
      'smi',
      field,
      `Canary ${routing.id}: provider smi does not support ${field} (${what}); use istio or gatewayapi`,
    );
  };
  if (routing.analysisMatch.length > 0) refuse('analysis.match', 'A/B');
  if (routing.mirror || routes?.mirrored)
    refuse('analysis.mirror', 'traffic mirroring');
  if (routing.sessionAffinity)
    refuse('analysis.sessionAffinity', 'sticky sessions');
}
