import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import type {
  Canary,
  CanaryWebhookType,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type {
  KubernetesObjectReader,
  MetricProvider,
} from '@vane/plugin-canary-node';
import { runEventWebhooks } from '../checks/runEventWebhooks';
import { runMetricChecks } from '../checks/runMetricChecks';
import { runWebhooks } from '../checks/runWebhooks';
import type { WebhookRoute } from '../checks/serviceProxyFetch';
import { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import type { MetricCheckResult, WebhookResult } from './CheckResults';
import type { CheckRunner } from './CheckRunner';

const SENT_WITH_PHASE: ReadonlySet<CanaryWebhookType> = new Set([
  'confirm-rollout',
  'rollback',
  'post-rollout',
]);

/** No Prometheus configured for the cluster: every query is a failed check that says so. */
const NO_PROMETHEUS: MetricProvider = {
  type: 'prometheus',
  query: async () => ({
    noData: true,
    reason:
      'no data: no Prometheus is configured for this cluster (canary.clusters[].prometheus.url)',
  }),
  isOnline: async () => false,
};

/** Webhooks over HTTP and metrics from the cluster's Prometheus (or a MetricTemplate's own). */
export class DefaultCheckRunner implements CheckRunner {
  private readonly providers = new Map<string, MetricProvider>();

  constructor(
    private readonly options: {
      /** The cluster's Prometheus (with its credentials), absent when none is configured. */
      prometheus?: MetricProvider;
      templates: KubernetesObjectReader;
      /** Webhooks naming a Service of the cluster go through its API server (webhooks.viaServiceProxy). */
      viaServiceProxy?: WebhookRoute;
    },
  ) {}

  runWebhooks(
    canary: Canary,
    spec: ValidCanarySpec,
    type: CanaryWebhookType,
  ): Promise<WebhookResult[]> {
    // Flagger sends the Canary's phase to the hooks that judge it where it is (confirm-rollout,
    // rollback: Waiting, Progressing, WaitingPromotion) or where it ended (post-rollout), and
    // Progressing to the analysis' hooks, whatever the phase.
    const phase = SENT_WITH_PHASE.has(type)
      ? canary.status?.phase ?? 'Progressing'
      : 'Progressing';
    return runWebhooks({
      canary,
      spec,
      types: [type],
      phase,
      viaServiceProxy: this.options.viaServiceProxy,
    });
  }

  runMetrics(
    canary: Canary,
    spec: ValidCanarySpec,
    metrics: MetricsFlavour,
  ): Promise<MetricCheckResult[]> {
    return runMetricChecks({
      canary,
      spec,
      metrics,
      providerFor: address =>
        address
          ? this.provider(address)
          : this.options.prometheus ?? NO_PROMETHEUS,
      templates: this.options.templates,
    });
  }

  async notify(
    canary: Canary,
    spec: ValidCanarySpec,
    severity: 'Normal' | 'Warning',
    message: string,
  ) {
    await runEventWebhooks({
      canary,
      spec,
      severity,
      message,
      now: new Date(),
      viaServiceProxy: this.options.viaServiceProxy,
    });
  }

  /** A MetricTemplate's own `provider.address`: without the cluster's credentials. */
  private provider(url: string): MetricProvider {
    let provider = this.providers.get(url);
    if (!provider) {
      provider = new PrometheusMetricProvider({ url });
      this.providers.set(url, provider);
    }
    return provider;
  }
}
