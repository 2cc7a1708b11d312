import { builtinMetricQueries } from './builtinMetricQueries';
import {
  renderMetricTemplate,
  type MetricTemplateModel,
} from './renderMetricTemplate';

/**
 * The PromQL of a built-in metric (`request-success-rate`, `request-duration`) for a mesh, ready
 * to send to Prometheus.
 *
 * @param metrics - the metrics flavour chosen with the provider (see chooseMeshProvider).
 */
export function renderBuiltinMetricQuery(
  metrics: string,
  metricName: string,
  model: MetricTemplateModel,
): string {
  const queries = builtinMetricQueries[metrics];
  if (!queries) {
    throw new Error(
      `Provider ${metrics} has no built-in metrics (built-in for: ${Object.keys(
        builtinMetricQueries,
      ).join(
        ', ',
      )}); give metric ${metricName} a query through a MetricTemplate (templateRef)`,
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
    `built-in ${metricName} for ${metrics}`,
  );
}
