import type { Config } from '@backstage/config';
import type { MeshHealthThresholds } from '@vane/plugin-canary-common';
import { DEFAULT_HEALTH_THRESHOLDS } from './DEFAULT_HEALTH_THRESHOLDS';

/**
 * The health thresholds from `canary.health.thresholds`, each defaulting to Kiali's. A value
 * outside 0-100, or a degraded threshold above its failing one, stops the backend at start with
 * the key to fix, rather than judging every workload by a typo.
 */
export function readHealthThresholds(config: Config): MeshHealthThresholds {
  const key = 'canary.health.thresholds';
  const section = config.getOptionalConfig(key);
  const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS };
  for (const name of Object.keys(thresholds) as Array<
    keyof MeshHealthThresholds
  >) {
    const value = section?.getOptionalNumber(name);
    if (value === undefined) continue;
    if (!(value >= 0 && value <= 100)) {
      throw new Error(
        `${key}.${name} must be a percentage between 0 and 100 (got ${value})`,
      );
    }
    thresholds[name] = value;
  }
  for (const code of ['5xx', '4xx'] as const) {
    const degraded = thresholds[`degraded${code}`];
    const failing = thresholds[`failing${code}`];
    if (degraded > failing) {
      throw new Error(
        `${key}.degraded${code} (${degraded}) must not be above ${key}.failing${code} (${failing})`,
      );
    }
  }
  return thresholds;
}
