import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import type {
  Canary,
  CanaryWebhookType,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { MetricCheckResult, WebhookResult } from './CheckResults';

/** Runs the side-effecting checks the decision needs: webhooks and metric queries. */
export interface CheckRunner {
  /**
   * The Canary's webhooks of one type, in spec order, with the phase Flagger sends for that type
   * (taken from `canary.status`: the current phase, or for post-rollout the phase it ended in).
   */
  runWebhooks(
    canary: Canary,
    spec: ValidCanarySpec,
    type: CanaryWebhookType,
  ): Promise<WebhookResult[]>;
  runMetrics(
    canary: Canary,
    spec: ValidCanarySpec,
    metrics: MetricsFlavour,
  ): Promise<MetricCheckResult[]>;
  /** `event` webhooks (and notifiers) for one Kubernetes Event the engine records. */
  notify(
    canary: Canary,
    spec: ValidCanarySpec,
    severity: 'Normal' | 'Warning',
    message: string,
  ): Promise<void>;
}
