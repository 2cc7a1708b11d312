import type {
  Canary,
  CanaryWebhookType,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { MetricCheckResult, WebhookResult } from '../engine/CheckResults';
import type { CheckRunner } from '../engine/CheckRunner';

/** One call the engine made to its checks, with the phase the Canary was in. */
export type CheckCall =
  | { check: CanaryWebhookType; phase?: string }
  | { check: 'metrics'; phase?: string }
  | { check: 'notify'; severity: string; message: string };

/**
 * The engine's checks as a test scripts them: each webhook type and the metrics answer what the
 * test says (webhooks of a type not scripted: none declared), and every call is recorded in order.
 */
export class ScriptedCheckRunner implements CheckRunner {
  readonly calls: CheckCall[] = [];

  constructor(
    public answers: {
      webhooks?: Partial<Record<CanaryWebhookType, WebhookResult[]>>;
      metrics?: MetricCheckResult[];
    } = {},
  ) {}

  async runWebhooks(
    canary: Canary,
    _spec: ValidCanarySpec,
    type: CanaryWebhookType,
  ): Promise<WebhookResult[]> {
    this.calls.push({ check: type, phase: canary.status?.phase });
    return this.answers.webhooks?.[type] ?? [];
  }

  async runMetrics(canary: Canary): Promise<MetricCheckResult[]> {
    this.calls.push({ check: 'metrics', phase: canary.status?.phase });
    return this.answers.metrics ?? [];
  }

  async notify(
    _canary: Canary,
    _spec: ValidCanarySpec,
    severity: 'Normal' | 'Warning',
    message: string,
  ): Promise<void> {
    this.calls.push({ check: 'notify', severity, message });
  }

  /** The checks asked (webhook types and metrics), in order, without the notifications. */
  asked(): string[] {
    return this.calls.flatMap(call =>
      call.check === 'notify' ? [] : [call.check],
    );
  }

  clear(): void {
    this.calls.length = 0;
  }
}
