import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CanaryAlert } from '@vane/plugin-canary-common';
import type { AlertProviderConfig } from './AlertProviderConfig';
import { alertProvidersFor } from './alertProvidersFor';
import { NOTIFIERS } from './NOTIFIERS';
import type { RolloutAlert } from './RolloutAlert';

/**
 * Delivers rollout alerts to the alert providers that want them, each a POST with a timeout. An
 * alert that cannot be delivered is logged, never a reason to hold a rollout; the URL is never
 * logged (it is the provider's credential).
 */
export class AlertSender {
  constructor(
    private readonly options: {
      providers: readonly AlertProviderConfig[];
      /** Tells the Canary's entity owners in Backstage (EntityOwnerNotifier); none to skip. */
      owners?: { notify(alert: RolloutAlert): Promise<void> };
      logger: LoggerService;
      timeoutMs?: number;
    },
  ) {}

  async send(
    alert: RolloutAlert,
    canaryAlerts: readonly CanaryAlert[] = [],
  ): Promise<void> {
    const { providers, unknown } = alertProvidersFor(
      alert.severity,
      canaryAlerts,
      this.options.providers,
    );
    for (const name of unknown) {
      this.options.logger.warn(
        `Canary ${alert.namespace}/${alert.name}: analysis.alerts names alert provider "${name}", which is not in canary.alertProviders; its alerts go nowhere`,
      );
    }
    await Promise.all([
      ...providers.map(provider => this.deliver(alert, provider)),
      this.options.owners?.notify(alert),
    ]);
  }

  private async deliver(alert: RolloutAlert, provider: AlertProviderConfig) {
    const { url, body } = NOTIFIERS[provider.type].request(alert, provider);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not deliver the ${alert.severity} alert about ${
          alert.namespace
        }/${alert.name} to alert provider ${provider.name} (${
          provider.type
        }): ${(error as Error).message}`,
      );
    }
  }
}
