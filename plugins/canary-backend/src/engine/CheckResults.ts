import type { CanaryWebhookType } from '@vane/plugin-canary-common';

/** The outcome of one webhook call, judged by Flagger's rule (200, 201 or 202 passes). */
export interface WebhookResult {
  name: string;
  type: CanaryWebhookType;
  passed: boolean;
  /** Why it failed: status code and body, timeout, unreachable. */
  message?: string;
}

/** The outcome of one analysis metric against its threshold. */
export interface MetricCheckResult {
  name: string;
  /** Absent when there was no data: a failed check, never a pass. */
  value?: number;
  thresholdRange?: { min?: number; max?: number };
  passed: boolean;
  /** Readable judgement: "request-success-rate 91.8% < 99%", or why there was no data. */
  reason: string;
}

/** One check the decision can read: the webhooks of one type, or the analysis metrics. */
export type PlannedCheck = CanaryWebhookType | 'metrics';

/**
 * What was measured this tick, for the checks planChecks asked for. A webhook type that has no
 * entry (or metrics left undefined) was not asked: the decision must not read it.
 */
export interface CheckResults {
  webhooks: Partial<Record<CanaryWebhookType, WebhookResult[]>>;
  metrics?: MetricCheckResult[];
}
