import { metricTemplateSpecSchema } from '@vane/plugin-canary-common';
import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import { renderBuiltinMetricQuery } from './renderBuiltinMetricQuery';
import { renderMetricTemplate } from './renderMetricTemplate';

// Flagger's default window for a metric without `interval`.
const DEFAULT_METRIC_INTERVAL = '1m';

/**
 * The PromQL of one `analysis.metrics` entry, as the engine's checks run it and the analysis
 * charts draw it: the metric's `templateRef` (a MetricTemplate, whose `provider.address` names
 * its own Prometheus), else its inline `query`, else the mesh's built-in query. A template that
 * is missing, invalid or does not render is the reason instead.
 *
 * @param template - the MetricTemplate `metric.templateRef` names, read by the caller (from the
 *   cache); undefined when there is none.
 */
export function renderMetricQuery(options: {
  namespace: string;
  /** The Canary's name. */
  name: string;
  /** The workload the query asks about: the target, or `<target>-primary`. */
  target: string;
  service: string;
  /** `spec.ingressRef.name` (provider nginx), for `{{ ingress }}`; the target's name without it. */
  ingress?: string;
  metric: {
    name: string;
    interval?: string;
    templateVariables?: Record<string, string>;
    templateRef?: { name: string; namespace?: string };
    query?: string;
  };
  index: number;
  metrics: MetricsFlavour;
  template?: unknown;
}): { query: string; address?: string } | { error: string } {
  const { namespace, metric, index } = options;
  const model = {
    namespace,
    name: options.name,
    target: options.target,
    service: options.service,
    ingress: options.ingress,
    interval: metric.interval ?? DEFAULT_METRIC_INTERVAL,
    variables: metric.templateVariables,
  };
  try {
    if (metric.templateRef) {
      const source = `MetricTemplate ${
        metric.templateRef.namespace ?? namespace
      }/${metric.templateRef.name}`;
      if (!options.template) {
        return {
          error: `${source} not found; create it or fix analysis.metrics[${index}].templateRef`,
        };
      }
      const parsed = metricTemplateSpecSchema.safeParse(
        (options.template as { spec?: unknown }).spec,
      );
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = ['spec', ...issue.path].join('.');
        return { error: `${source} is invalid: ${field} ${issue.message}` };
      }
      return {
        query: renderMetricTemplate(parsed.data.query, model, source),
        ...(parsed.data.provider.address
          ? { address: parsed.data.provider.address }
          : {}),
      };
    }
    if (metric.query) {
      return {
        query: renderMetricTemplate(
          metric.query,
          model,
          `analysis.metrics[${index}].query`,
        ),
      };
    }
    return {
      query: renderBuiltinMetricQuery(options.metrics, metric.name, model),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
