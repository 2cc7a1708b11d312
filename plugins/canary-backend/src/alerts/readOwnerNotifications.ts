import type { Config } from '@backstage/config';
import { CANARY_ALERT_SEVERITIES } from '@vane/plugin-canary-common';
import type { CanaryAlertSeverity } from '@vane/plugin-canary-common';

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
  if (!(CANARY_ALERT_SEVERITIES as readonly string[]).includes(severity)) {
    throw new Error(
      `canary.ownerNotifications.severity must be one of ${CANARY_ALERT_SEVERITIES.join(
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
