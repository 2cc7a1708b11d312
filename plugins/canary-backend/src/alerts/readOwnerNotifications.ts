import type { Config } from '@backstage/config';
import type { CanaryAlertSeverity } from '@vane/plugin-canary-common';

const SEVERITIES = ['info', 'warn', 'error'];

/**
 * `canary.ownerNotifications`: whether the owners of a Canary's entities get its alerts as
 * Backstage notifications (default yes), and from which severity (default warn).
 */
export function readOwnerNotifications(config: Config): {
  enabled: boolean;
  severity: CanaryAlertSeverity;
} {
  const severity =
    config.getOptionalString('canary.ownerNotifications.severity') ?? 'warn';
  if (!SEVERITIES.includes(severity)) {
    throw new Error(
      `canary.ownerNotifications.severity must be one of ${SEVERITIES.join(
        ', ',
      )} (got "${severity}")`,
    );
  }
  return {
    enabled:
      config.getOptionalBoolean('canary.ownerNotifications.enabled') ?? true,
    severity: severity as CanaryAlertSeverity,
  };
}
