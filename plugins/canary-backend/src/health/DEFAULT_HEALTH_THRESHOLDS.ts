import type { MeshHealthThresholds } from '@vane/plugin-canary-common';

/**
 * Kiali's default health thresholds, in percent of requests: any 5xx is degraded, 10% is
 * failing; 4xx from 10% degraded, from 20% failing.
 */
export const DEFAULT_HEALTH_THRESHOLDS: Readonly<MeshHealthThresholds> = {
  degraded5xx: 0,
  failing5xx: 10,
  degraded4xx: 10,
  failing4xx: 20,
};
