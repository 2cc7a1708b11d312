import {
  Canary,
  CanaryPhase,
  CanaryWebhookType,
  VANE_APPROVAL_URL,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { WebhookResult } from '../engine/CheckResults';
import { callWebhook } from './callWebhook';
import type { WebhookRoute } from './serviceProxyFetch';

type ValidWebhook = ValidCanarySpec['analysis']['webhooks'][number];

/** Gates answer "not yet" by failing; that is a wait, not an error. */
const GATES: ReadonlySet<CanaryWebhookType> = new Set([
  'confirm-rollout',
  'confirm-traffic-increase',
  'confirm-promotion',
]);

/**
 * Calls the Canary's webhooks of the given types, type by type in the order given and, within a
 * type, in spec order, with Flagger's payload (`name`, `namespace`, `phase`, `checksum`,
 * `metadata`) and its success rule (HTTP 200-202). Never rejects.
 *
 * Within one type it stops where Flagger stops, because later hooks may depend on earlier ones
 * (a load test after a pre-rollout smoke test): at the first failure, or for `rollback` at the
 * first pass (a rollback was requested). Types are not cut short by each other: a gate that was
 * not called would count as open. Gates Vane serves (`url: vane://approval`) are not called.
 *
 * @param phase - sent as `phase`; Flagger sends `Progressing` for every type except
 *   `confirm-rollout` (the Canary's current phase), `post-rollout` and `rollback` (the phase the
 *   rollout ends in or is in).
 */
export async function runWebhooks(options: {
  canary: Canary;
  spec: ValidCanarySpec;
  types: readonly CanaryWebhookType[];
  phase: CanaryPhase;
  fetchImpl?: typeof fetch;
  viaServiceProxy?: WebhookRoute;
  /** The first wait between retries, doubling; Flagger's 1s unless a test needs it shorter. */
  retryWaitMs?: number;
}): Promise<WebhookResult[]> {
  const {
    canary,
    spec,
    types,
    phase,
    fetchImpl,
    viaServiceProxy,
    retryWaitMs,
  } = options;
  const results: WebhookResult[] = [];
  for (const type of types) {
    for (const webhook of spec.analysis.webhooks.filter(w => w.type === type)) {
      if (webhook.url === VANE_APPROVAL_URL) {
        // A gate Vane serves is opened by an approval on the Canary, which the decision reads;
        // there is nothing to call, and it does not stop the gates after it from being asked.
        continue;
      }
      if (type === 'event') {
        // Event hooks carry an event's message and type; a check has neither.
        results.push({
          name: webhook.name,
          type,
          passed: false,
          message:
            'event webhooks are sent with each event (runEventWebhooks), not run as a check',
        });
        continue;
      }
      const result = await callOne({
        canary,
        webhook,
        phase,
        fetchImpl,
        viaServiceProxy,
        retryWaitMs,
      });
      results.push(result);
      const halts = type === 'rollback' ? result.passed : !result.passed;
      if (halts) {
        break;
      }
    }
  }
  return results;
}

async function callOne(options: {
  canary: Canary;
  webhook: ValidWebhook;
  phase: CanaryPhase;
  fetchImpl?: typeof fetch;
  viaServiceProxy?: WebhookRoute;
  retryWaitMs?: number;
}): Promise<WebhookResult> {
  const { canary, webhook, phase, fetchImpl, viaServiceProxy, retryWaitMs } =
    options;
  const type = webhook.type;
  const metadata = webhook.metadata ?? {};
  const outcome = await callWebhook({
    url: webhook.url,
    payload: {
      name: canary.metadata.name,
      namespace: canary.metadata.namespace,
      phase,
      checksum: canary.status?.lastAppliedSpec ?? '',
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    },
    timeout: webhook.timeout,
    retries: webhook.retries ?? 0,
    disableTLS: webhook.disableTLS,
    fetchImpl,
    viaServiceProxy,
    retryWaitMs,
  });
  if (outcome.passed) {
    return { name: webhook.name, type, passed: true };
  }
  let message = outcome.message;
  if (GATES.has(type)) {
    message = `not approved yet (${outcome.message})`;
  } else if (type === 'rollback') {
    message = `no rollback requested (${outcome.message})`;
  }
  return { name: webhook.name, type, passed: false, message };
}
