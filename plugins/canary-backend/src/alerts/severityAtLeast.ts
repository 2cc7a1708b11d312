import {
  CANARY_ALERT_SEVERITIES,
  CanaryAlertSeverity,
} from '@vane/plugin-canary-common';

/** Whether an alert of `severity` reaches a recipient that wants `threshold` or worse. */
export function severityAtLeast(
  severity: CanaryAlertSeverity,
  threshold: CanaryAlertSeverity,
): boolean {
  return (
    CANARY_ALERT_SEVERITIES.indexOf(severity) >=
    CANARY_ALERT_SEVERITIES.indexOf(threshold)
  );
}
