import {
  metricTemplateSpecSchema,
  type Canary,
} from '@vane/plugin-canary-common';
import { builtinMetricQueries } from '../metrics/builtinMetricQueries';
import { renderBuiltinMetricQuery } from '../metrics/renderBuiltinMetricQuery';
import {
  renderMetricTemplate,
  type MetricTemplateModel,
} from '../metrics/renderMetricTemplate';

// Flagger's default window for a metric without `interval`, as the engine's checks use.
const DEFAULT_METRIC_INTERVAL = '1m';

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
  metricsFlavour: string;
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
    const model: MetricTemplateModel = {
      namespace,
      name: canary.metadata.name,
      target,
      service: spec.service?.name ?? target,
      interval: metric.interval ?? DEFAULT_METRIC_INTERVAL,
      variables: metric.templateVariables,
    };
    try {
      if (metric.templateRef) {
        const ref = {
          namespace: metric.templateRef.namespace ?? namespace,
          name: metric.templateRef.name,
        };
        const source = `MetricTemplate ${ref.namespace}/${ref.name}`;
        const object = templateOf(ref.namespace, ref.name);
        if (!object) {
          return {
            ...plan,
            error: `${source} not found; create it or fix analysis.metrics[${index}].templateRef`,
          };
        }
        const parsed = metricTemplateSpecSchema.safeParse(object.spec);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = ['spec', ...issue.path].join('.');
          return {
            ...plan,
            error: `${source} is invalid: ${field} ${issue.message}`,
          };
        }
        return {
          ...plan,
          canary: renderMetricTemplate(parsed.data.query, model, source),
          ...(parsed.data.provider.address
            ? { address: parsed.data.provider.address }
            : {}),
        };
      }
      if (metric.query) {
        return {
          ...plan,
          canary: renderMetricTemplate(
            metric.query,
            model,
            `analysis.metrics[${index}].query`,
          ),
        };
      }
      const builtin =
        builtinMetricQueries[metricsFlavour]?.[
          name as 'request-success-rate' | 'request-duration'
        ];
      return {
        ...plan,
        canary: renderBuiltinMetricQuery(metricsFlavour, name, model),
        // Queries keyed on the workload (`{{ target }}`) can be asked of the primary; those keyed
        // on the canary Service (gatewayapi's Envoy clusters) cannot.
        ...(builtin?.includes('{{ target }}')
          ? {
              primary: renderBuiltinMetricQuery(metricsFlavour, name, {
                ...model,
                target: `${target}-primary`,
              }),
            }
          : {}),
      };
    } catch (error) {
      return {
        ...plan,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  });
}
