import type { CanaryAlertProvider } from '@vane/plugin-canary-node';
import type {
  CanaryAlert,
  CanaryAlertSeverity,
} from '@vane/plugin-canary-common';
import { severityAtLeast } from './severityAtLeast';

/**
 * The providers an alert of this severity goes to (pure): those the Canary's `analysis.alerts`
 * name at that severity or lower, and those configured for every Canary (`severity`) likewise;
 * each provider once. Names no provider answers to are returned apart, to be reported.
 */
export function alertProvidersFor(
  severity: CanaryAlertSeverity,
  canaryAlerts: readonly CanaryAlert[],
  providers: readonly CanaryAlertProvider[],
): { providers: CanaryAlertProvider[]; unknown: string[] } {
  const wants = (threshold: CanaryAlertSeverity | undefined) =>
    severityAtLeast(severity, threshold ?? 'info');
  const chosen = new Map<string, CanaryAlertProvider>();
  const unknown: string[] = [];
  for (const alert of canaryAlerts) {
    const provider = providers.find(p => p.name === alert.providerRef.name);
    if (!provider) {
      unknown.push(alert.providerRef.name);
    } else if (wants(alert.severity)) {
      chosen.set(provider.name, provider);
    }
  }
  for (const provider of providers) {
    if (provider.severity && wants(provider.severity)) {
      chosen.set(provider.name, provider);
    }
  }
  return { providers: [...chosen.values()], unknown: [...new Set(unknown)] };
}
