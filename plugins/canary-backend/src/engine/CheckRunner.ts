import type {
  Canary,
  CanaryWebhookType,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { MetricCheckResult, WebhookResult } from './CheckResults';

/** Runs the side-effecting checks the decision needs: webhooks and metric queries. */
export interface CheckRunner {
  runWebhooks(
    canary: Canary,
    spec: ValidCanarySpec,
    types: CanaryWebhookType[],
  ): Promise<WebhookResult[]>;
  runMetrics(
    canary: Canary,
    spec: ValidCanarySpec,
    metricsFlavour: string,
  ): Promise<MetricCheckResult[]>;
  /** `event` webhooks (and notifiers) for one Kubernetes Event the engine records. */
  notify(
    canary: Canary,
    spec: ValidCanarySpec,
    severity: 'Normal' | 'Warning',
    message: string,
  ): Promise<void>;
}
