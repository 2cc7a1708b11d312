import type { Canary, ValidCanarySpec } from '@vane/plugin-canary-common';
import type { WebhookResult } from '../engine/CheckResults';
import { callWebhook } from './callWebhook';
import type { WebhookRoute } from './serviceProxyFetch';

/**
 * Sends one engine event to every `event` webhook of the Canary, as Flagger does with each event
 * it records: the usual payload with the Canary's current phase, and `metadata.eventMessage`,
 * `eventType` (Normal or Warning) and `timestamp` (Unix milliseconds, as a string). The webhook's
 * own metadata is added but cannot overwrite those three. All hooks are called at once (results
 * in spec order); a failure only comes back as a result, since an event is never a reason to
 * halt. Never rejects.
 */
export async function runEventWebhooks(options: {
  canary: Canary;
  spec: ValidCanarySpec;
  severity: 'Normal' | 'Warning';
  message: string;
  /** When the event happened. */
  now: Date;
  fetchImpl?: typeof fetch;
  viaServiceProxy?: WebhookRoute;
  retryWaitMs?: number;
}): Promise<WebhookResult[]> {
  const {
    canary,
    spec,
    severity,
    message,
    now,
    fetchImpl,
    viaServiceProxy,
    retryWaitMs,
  } = options;
  const hooks = spec.analysis.webhooks.filter(w => w.type === 'event');
  return Promise.all(
    hooks.map(async (webhook): Promise<WebhookResult> => {
      const outcome = await callWebhook({
        url: webhook.url,
        payload: {
          name: canary.metadata.name,
          namespace: canary.metadata.namespace,
          phase: canary.status?.phase ?? '',
          checksum: canary.status?.lastAppliedSpec ?? '',
          metadata: {
            ...webhook.metadata,
            eventMessage: message,
            eventType: severity,
            timestamp: String(now.getTime()),
          },
        },
        timeout: webhook.timeout,
        retries: webhook.retries ?? 0,
        disableTLS: webhook.disableTLS,
        fetchImpl,
        viaServiceProxy,
        retryWaitMs,
      });
      return outcome.passed
        ? { name: webhook.name, type: 'event', passed: true }
        : {
            name: webhook.name,
            type: 'event',
            passed: false,
            message: outcome.message,
          };
    }),
  );
}
