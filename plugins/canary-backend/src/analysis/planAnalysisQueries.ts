import type { Canary } from '@vane/plugin-canary-common';
import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import { renderMetricQuery } from '../metrics/renderMetricQuery';

/** The queries that chart one analysis metric, or why it has none. */
export interface AnalysisQueryPlan {
  name: string;
  thresholdRange?: { min?: number; max?: number };
  /** The query the engine's check runs, for the canary workload. */
  canary?: string;
  /** The same query asked of `<target>-primary`, for built-in metrics keyed on the workload. */
  primary?: string;
  /** A MetricTemplate's own Prometheus (`provider.address`); the cluster's otherwise. */
  address?: string;
  error?: string;
}

/**
 * The PromQL of each `analysis.metrics` entry of a Canary, rendered as the engine's checks render
 * it (runMetricChecks: `templateRef`, else inline `query`, else the mesh's built-in query), so
 * the chart shows what the checks measured. A metric that cannot be rendered carries the reason.
 *
 * @param templateOf - a MetricTemplate from the cluster's cache, if there is one.
 */
export function planAnalysisQueries(options: {
  canary: Canary;
  metricsFlavour: MetricsFlavour;
  templateOf: (namespace: string, name: string) => any | undefined;
}): AnalysisQueryPlan[] {
  const { canary, metricsFlavour, templateOf } = options;
  const spec: any = canary.spec ?? {};
  const namespace = canary.metadata.namespace;
  const target: string | undefined = spec.targetRef?.name;
  const metrics: any[] = Array.isArray(spec.analysis?.metrics)
    ? spec.analysis.metrics
    : [];

  return metrics.map((metric, index): AnalysisQueryPlan => {
    const name = String(metric?.name ?? `metrics[${index}]`);
    const plan: AnalysisQueryPlan = {
      name,
      ...(metric?.thresholdRange
        ? { thresholdRange: metric.thresholdRange }
        : {}),
    };
    if (!target) {
      return { ...plan, error: 'the Canary has no spec.targetRef.name' };
    }
    const rendered = (workload: string) =>
      renderMetricQuery({
        namespace,
        name: canary.metadata.name,
        target: workload,
        service: spec.service?.name ?? target,
        ingress: spec.ingressRef?.name,
        metric,
        index,
        metrics: metricsFlavour,
        template: metric.templateRef
          ? templateOf(
              metric.templateRef.namespace ?? namespace,
              metric.templateRef.name,
            )
          : undefined,
      });
    const canaryQuery = rendered(target);
    if ('error' in canaryQuery) {
      return { ...plan, error: canaryQuery.error };
    }
    const builtin =
      !metric.templateRef && !metric.query
        ? metricsFlavour.telemetry?.builtinQueries[
            name as 'request-success-rate' | 'request-duration'
          ]
        : undefined;
    // Built-in queries keyed on the workload (`{{ target }}`) can be asked of the primary; those
    // keyed on the canary Service (gatewayapi's Envoy clusters) cannot.
    const primaryQuery = builtin?.includes('{{ target }}')
      ? rendered(`${target}-primary`)
      : undefined;
    return {
      ...plan,
      canary: canaryQuery.query,
      ...(canaryQuery.address ? { address: canaryQuery.address } : {}),
      ...(primaryQuery && 'query' in primaryQuery
        ? { primary: primaryQuery.query }
        : {}),
    };
  });
}
