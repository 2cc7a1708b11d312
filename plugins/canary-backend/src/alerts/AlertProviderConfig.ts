import type { CanaryAlertSeverity } from '@vane/plugin-canary-common';

/** An alert provider of `canary.alertProviders` (Flagger's AlertProvider, kept in app-config). */
export interface AlertProviderConfig {
  name: string;
  type: 'slack' | 'msteams' | 'discord' | 'generic';
  /** The incoming-webhook URL; a secret. */
  url: string;
  /** Slack channel, overriding the webhook's own. */
  channel?: string;
  /** Sender name shown by Slack and Discord (default `vane`). */
  username?: string;
  /**
   * Alerts of every Canary at this severity or worse go here, as Flagger's global `-slack-url`
   * does; without it the provider gets only the alerts of Canaries that name it.
   */
  severity?: CanaryAlertSeverity;
}
