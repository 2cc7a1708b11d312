import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import {
  CANARY_API,
  type Canary,
  type ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type {
  KubernetesObjectReader,
  MetricProvider,
} from '@vane/plugin-canary-node';
import type { MetricCheckResult } from '../engine/CheckResults';
import { judgeMetric } from '../metrics/judgeMetric';
import { renderMetricQuery } from '../metrics/renderMetricQuery';

type ValidMetric = ValidCanarySpec['analysis']['metrics'][number];

/** A query to run and where, or why there is none. */
type PlannedQuery =
  | { query: string; provider: MetricProvider }
  | { error: string };

/**
 * Measures every `analysis.metrics` entry of a Canary and judges it against its thresholdRange.
 * The query comes from the metric's `templateRef` (a MetricTemplate read from the cache, whose
 * `provider.address` overrides the cluster's Prometheus), else its inline `query`, else the
 * built-in query of the mesh's metrics flavour. All metrics are measured, also after a failure,
 * so the status shows every last value. Never rejects: a missing template, a query that cannot be
 * rendered or a provider that fails is a failed check with the reason, never a pass.
 *
 * @param metrics - whose built-in queries to use (chooseMeshProvider's `metrics`).
 * @param providerFor - the cluster's Prometheus for `undefined`, else one at the given address.
 */
export async function runMetricChecks(options: {
  canary: Canary;
  spec: ValidCanarySpec;
  metrics: MetricsFlavour;
  providerFor: (address?: string) => MetricProvider;
  templates: KubernetesObjectReader;
}): Promise<MetricCheckResult[]> {
  const { spec } = options;
  return Promise.all(
    spec.analysis.metrics.map(async (metric, index) => {
      const thresholdRange = metric.thresholdRange;
      const failed = (reason: string): MetricCheckResult => ({
        name: metric.name,
        ...(thresholdRange ? { thresholdRange } : {}),
        passed: false,
        reason: `${metric.name}: ${reason}`,
      });
      try {
        const planned = await planQuery(options, metric, index);
        if ('error' in planned) {
          return failed(planned.error);
        }
        const result = await planned.provider.query(planned.query);
        const judgement = judgeMetric(metric.name, result, thresholdRange);
        return {
          name: metric.name,
          ...(typeof result === 'number' ? { value: result } : {}),
          ...(thresholdRange ? { thresholdRange } : {}),
          passed: judgement.passed,
          reason: judgement.reason,
        };
      } catch (error) {
        // Providers promise never to reject; one that does must still not pass a check.
        return failed(
          `could not be measured: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }),
  );
}

async function planQuery(
  options: {
    canary: Canary;
    spec: ValidCanarySpec;
    metrics: MetricsFlavour;
    providerFor: (address?: string) => MetricProvider;
    templates: KubernetesObjectReader;
  },
  metric: ValidMetric,
  index: number,
): Promise<PlannedQuery> {
  const { canary, spec, metrics, providerFor, templates } = options;
  const namespace = canary.metadata.namespace;
  let template: unknown;
  if (metric.templateRef) {
    try {
      template = await templates.get({
        apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
        kind: 'MetricTemplate',
        namespace: metric.templateRef.namespace ?? namespace,
        name: metric.templateRef.name,
      });
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
  const rendered = renderMetricQuery({
    namespace,
    name: canary.metadata.name,
    target: spec.targetRef.name,
    service: spec.service.name ?? spec.targetRef.name,
    ingress: spec.ingressRef?.name,
    metric,
    index,
    metrics,
    template,
  });
  return 'error' in rendered
    ? rendered
    : { query: rendered.query, provider: providerFor(rendered.address) };
}
