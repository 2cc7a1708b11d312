import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import {
  renderMetricTemplate,
  type MetricTemplateModel,
} from './renderMetricTemplate';

/**
 * The PromQL of a built-in metric (`request-success-rate`, `request-duration`) in a mesh's
 * telemetry (its folder's `telemetry`), ready to send to Prometheus.
 *
 * @param metrics - the telemetry chosen with the provider (see chooseMeshProvider).
 */
export function renderBuiltinMetricQuery(
  metrics: MetricsFlavour,
  metricName: string,
  model: MetricTemplateModel,
): string {
  const queries = metrics.telemetry?.builtinQueries;
  if (!queries) {
    throw new Error(
      `Provider ${metrics.name} has no built-in metrics; give metric ${metricName} a query through a MetricTemplate (templateRef)`,
    );
  }
  const query = queries[metricName as keyof typeof queries];
  if (!query) {
    throw new Error(
      `${metricName} is not a built-in metric (built-in: ${Object.keys(
        queries,
      ).join(', ')}); give it a query through a MetricTemplate (templateRef)`,
    );
  }
  return renderMetricTemplate(
    query,
    model,
    `built-in ${metricName} for ${metrics.name}`,
  );
}
