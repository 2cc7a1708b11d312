import { parseDuration } from '@vane/plugin-canary-common';
import { Agent, fetch as undiciFetch } from 'undici';
import type { WebhookRoute } from './serviceProxyFetch';

/**
 * The body Flagger POSTs to every webhook (v1beta1 CanaryWebhookPayload), so hooks written for
 * Flagger, its load tester among them, work unchanged.
 */
export interface WebhookPayload {
  name: string;
  namespace: string;
  phase: string;
  /** Identifies the revision under analysis; Vane's revision hash (`status.lastAppliedSpec`). */
  checksum: string;
  /** Omitted when empty, as Flagger's `omitempty` does. */
  metadata?: Record<string, string>;
}

/** How one webhook call ended, after its retries. */
export interface WebhookCallOutcome {
  passed: boolean;
  /** Why it did not pass: `HTTP 500: <body>`, `timed out after 5s`, `unreachable: ...`. */
  message?: string;
  /** How many requests were sent. */
  attempts: number;
}

// Flagger's default when a webhook sets no timeout.
const DEFAULT_TIMEOUT = '10s';
// Flagger's callWebhook treats anything above 202 as a failure, so 203-206 do not pass either.
const HIGHEST_PASSING_STATUS = 202;
// go-retryablehttp's default backoff, which Flagger uses: 1s doubling per attempt up to 30s.
const DEFAULT_RETRY_WAIT_MS = 1000;
const MAX_RETRY_WAIT_MS = 30_000;
const BODY_EXCERPT = 200;

/**
 * A webhook with `disableTLS`, as Flagger's InsecureSkipVerify transport: its certificate is not
 * verified, for its calls only; every other webhook keeps Node's verification.
 */
const UNVERIFIED_TLS = new Agent({ connect: { rejectUnauthorized: false } });
const fetchWithoutTlsVerification: typeof fetch = (input, init) =>
  undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher: UNVERIFIED_TLS,
  }) as unknown as Promise<Response>;

type Attempt =
  | { kind: 'status'; status: number; body: string }
  | { kind: 'error'; message: string; retryable: boolean };

/**
 * POSTs a payload as JSON with Flagger's rules: one request plus up to `retries` more, each
 * bounded by the timeout; retried, as go-retryablehttp does, only when a retry can help (no
 * answer, 429, 5xx other than 501). Never rejects: every failure is an outcome with a message.
 */
export async function callWebhook(options: {
  url: string;
  payload: WebhookPayload;
  /** The webhook's `timeout` as the Canary writes it (`5s`); Flagger's 10s when absent. */
  timeout?: string;
  retries: number;
  /** The webhook's `disableTLS`: skip verifying its certificate, for this call only. */
  disableTLS?: boolean;
  fetchImpl?: typeof fetch;
  /** Sends URLs that name a Service of the cluster through its API server (webhooks.viaServiceProxy). */
  viaServiceProxy?: WebhookRoute;
  /** The first wait between attempts; doubles each time. Defaults to Flagger's 1s. */
  retryWaitMs?: number;
}): Promise<WebhookCallOutcome> {
  const {
    url,
    payload,
    timeout: timeoutText = DEFAULT_TIMEOUT,
    retries,
    disableTLS,
    viaServiceProxy,
    // The API server does not verify a Service's certificate, so disableTLS changes nothing there.
    fetchImpl = viaServiceProxy?.(url) ??
      (disableTLS ? fetchWithoutTlsVerification : fetch),
    retryWaitMs = DEFAULT_RETRY_WAIT_MS,
  } = options;
  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(timeoutText);
  } catch (error) {
    return {
      passed: false,
      message: `timeout ${(error as Error).message}`,
      attempts: 0,
    };
  }
  const body = JSON.stringify(payload);
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const attempt = await attemptOnce({
      url,
      body,
      timeoutMs,
      timeoutText,
      fetchImpl,
    });
    if (attempt.kind === 'status' && attempt.status <= HIGHEST_PASSING_STATUS) {
      return { passed: true, attempts };
    }
    if (!isRetryable(attempt) || attempts > retries) {
      const suffix = attempts > 1 ? ` (after ${attempts} attempts)` : '';
      return { passed: false, message: describe(attempt) + suffix, attempts };
    }
    const wait = Math.min(retryWaitMs * 2 ** (attempts - 1), MAX_RETRY_WAIT_MS);
    if (wait > 0) {
      await new Promise(resolve => setTimeout(resolve, wait));
    }
  }
}

async function attemptOnce(options: {
  url: string;
  body: string;
  timeoutMs: number;
  timeoutText: string;
  fetchImpl: typeof fetch;
}): Promise<Attempt> {
  const { url, body, timeoutMs, timeoutText, fetchImpl } = options;
  // One signal for the request and the body, like Go's http.Client.Timeout.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal,
    });
    if (response.status <= HIGHEST_PASSING_STATUS) {
      // The verdict is in the status; do not wait for a body nobody reads.
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'status', status: response.status, body: '' };
    }
    const text = await response.text();
    return { kind: 'status', status: response.status, body: text };
  } catch (error) {
    return describeError(error, timeoutText);
  }
}

function isRetryable(attempt: Attempt): boolean {
  if (attempt.kind === 'error') {
    return attempt.retryable;
  }
  return (
    attempt.status === 429 || (attempt.status >= 500 && attempt.status !== 501)
  );
}

function describe(attempt: Attempt): string {
  if (attempt.kind === 'error') {
    return attempt.message;
  }
  const excerpt = attempt.body.trim().slice(0, BODY_EXCERPT);
  if (attempt.status > 202 && attempt.status < 300) {
    return `HTTP ${attempt.status}: only 200, 201 and 202 pass (Flagger's rule)`;
  }
  return excerpt
    ? `HTTP ${attempt.status}: ${excerpt}`
    : `HTTP ${attempt.status} (empty body)`;
}

function describeError(error: unknown, timeoutText: string): Attempt {
  // AbortSignal.timeout() rejects with a DOMException named TimeoutError, not an Error of this realm.
  if ((error as { name?: string })?.name === 'TimeoutError') {
    return {
      kind: 'error',
      message: `timed out after ${timeoutText}`,
      retryable: true,
    };
  }
  // undici wraps the socket error: TypeError('fetch failed', { cause }). A host that resolves to
  // several addresses fails with an AggregateError whose own message is empty.
  const cause = (error as { cause?: unknown })?.cause as
    | { message?: string; code?: string; errors?: Array<{ message?: string }> }
    | undefined;
  const detail =
    cause?.message ||
    cause?.errors?.map(e => e.message).join('; ') ||
    cause?.code ||
    (error instanceof Error ? error.message : String(error));
  // An invalid URL or scheme will not get better by retrying (go-retryablehttp agrees).
  const retryable = !(error instanceof TypeError && !cause);
  return {
    kind: 'error',
    message: retryable
      ? `unreachable: ${detail}`
      : `invalid request: ${detail}`,
    retryable,
  };
}
