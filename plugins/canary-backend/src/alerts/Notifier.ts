import type { AlertProviderConfig } from './AlertProviderConfig';
import type { RolloutAlert } from './RolloutAlert';

/** The HTTP request that delivers an alert to a provider's incoming webhook. */
export interface NotifierRequest {
  url: string;
  body: unknown;
}

/** One kind of alert provider (Slack, Teams, ...): how an alert becomes its webhook's request. */
export interface Notifier {
  type: AlertProviderConfig['type'];
  request(alert: RolloutAlert, provider: AlertProviderConfig): NotifierRequest;
}
