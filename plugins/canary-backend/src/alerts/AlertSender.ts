import type {
  CanaryAlertProvider,
  CanaryRolloutAlert,
} from '@vane/plugin-canary-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CanaryAlert } from '@vane/plugin-canary-common';
import { alertProvidersFor } from './alertProvidersFor';
import type { NotifierRegistry } from './NotifierRegistry';

/**
 * Delivers rollout alerts to the alert providers that want them, each a POST with a timeout. An
 * alert that cannot be delivered is logged, never a reason to hold a rollout; the URL is never
 * logged (it is the provider's credential).
 */
export class AlertSender {
  constructor(
    private readonly options: {
      providers: readonly CanaryAlertProvider[];
      /** Every provider's type is one of these (readAlertProviders checked it). */
      notifiers: NotifierRegistry;
      /** Tells the Canary's entity owners in Backstage (EntityOwnerNotifier); none to skip. */
      owners?: { notify(alert: CanaryRolloutAlert): Promise<void> };
      logger: LoggerService;
      timeoutMs?: number;
    },
  ) {}

  async send(
    alert: CanaryRolloutAlert,
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

  private async deliver(
    alert: CanaryRolloutAlert,
    provider: CanaryAlertProvider,
  ) {
    try {
      const notifier = this.options.notifiers.get(provider.type);
      if (!notifier) {
        throw new Error(`no notifier for type "${provider.type}"`);
      }
      const { url, body, headers } = notifier.request(alert, provider);
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
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
