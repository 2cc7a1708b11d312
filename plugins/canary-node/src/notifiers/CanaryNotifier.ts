import type { CanaryAlertSeverity } from '@vane/plugin-canary-common';

/**
 * One alert about a Canary's rollout, as every notifier renders it.
 *
 * @public
 */
export interface CanaryRolloutAlert {
  cluster: string;
  namespace: string;
  name: string;
  severity: CanaryAlertSeverity;
  /** What happened, in a sentence (Flagger's wording where Flagger alerts the same moment). */
  message: string;
  /** The Canary's phase after the transition. */
  phase: string;
  canaryWeight: number;
  /** The failure reason, for a failed rollout. */
  reason?: string;
}

/**
 * An alert provider of `canary.alertProviders` in app-config (Flagger's AlertProvider, kept in the
 * backend's configuration so its URL, a credential, stays there).
 *
 * @public
 */
export interface CanaryAlertProvider {
  name: string;
  /** The notifier type: slack, msteams, discord, generic, or one a module added. */
  type: string;
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

/**
 * The HTTP POST that delivers an alert to a provider.
 *
 * @public
 */
export interface CanaryNotifierRequest {
  url: string;
  /** Sent as JSON. */
  body: unknown;
  /** Extra request headers (an API key header, say). */
  headers?: Record<string, string>;
}

/**
 * One kind of alert provider (Slack, Teams, PagerDuty, ...): how an alert becomes the request to
 * its webhook. Pure; the canary backend sends the request, with a timeout, and logs failures.
 *
 * @public
 */
export interface CanaryNotifier {
  /** The `type` of `canary.alertProviders` entries this notifier serves; lowercase, DNS-label form. */
  type: string;
  request(
    alert: CanaryRolloutAlert,
    provider: CanaryAlertProvider,
  ): CanaryNotifierRequest;
}
