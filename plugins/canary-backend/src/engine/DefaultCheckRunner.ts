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
import { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import type { MetricCheckResult, WebhookResult } from './CheckResults';
import type { CheckRunner } from './CheckRunner';

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
      prometheusUrl?: string;
      templates: KubernetesObjectReader;
    },
  ) {}

  runWebhooks(
    canary: Canary,
    spec: ValidCanarySpec,
    types: CanaryWebhookType[],
  ): Promise<WebhookResult[]> {
    const phase =
      types.includes('post-rollout') || types.includes('confirm-rollout')
        ? canary.status?.phase ?? 'Progressing'
        : 'Progressing';
    return runWebhooks({ canary, spec, types, phase });
  }

  runMetrics(
    canary: Canary,
    spec: ValidCanarySpec,
    metricsFlavour: string,
  ): Promise<MetricCheckResult[]> {
    return runMetricChecks({
      canary,
      spec,
      metricsFlavour,
      providerFor: address =>
        this.provider(address ?? this.options.prometheusUrl),
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
    });
  }

  private provider(url: string | undefined): MetricProvider {
    if (!url) {
      return NO_PROMETHEUS;
    }
    let provider = this.providers.get(url);
    if (!provider) {
      provider = new PrometheusMetricProvider({ url });
      this.providers.set(url, provider);
    }
    return provider;
  }
}
