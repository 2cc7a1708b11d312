/** What a metric query template can refer to, as in Flagger's MetricTemplate model. */
export interface MetricTemplateModel {
  /** The Canary's namespace. */
  namespace: string;
  /** The Canary's name. */
  name?: string;
  /** The target Deployment's name: the canary workload. */
  target: string;
  /** The apex Service's name (`spec.service.name`, else the target's); defaults to `target`. */
  service?: string;
  /**
   * The Ingress of provider nginx (`spec.ingressRef.name`, else the target's name, as Flagger's
   * MetricTemplateModel); defaults to `target`.
   */
  ingress?: string;
  /** The metric's interval, a Prometheus duration such as `1m`. */
  interval: string;
  /** The metric's `templateVariables`. */
  variables?: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Fills `{{ namespace }}`, `{{ name }}`, `{{ target }}`, `{{ service }}`, `{{ ingress }}`,
 * `{{ interval }}` and `{{ variables.x }}` into a query. A placeholder that cannot be filled is an error rather than
 * an empty string: a query with a hole would measure something else and pass or fail silently.
 *
 * @param source - names the template in error messages, e.g. `MetricTemplate test/error-rate`.
 */
export function renderMetricTemplate(
  query: string,
  model: MetricTemplateModel,
  source = 'metric query',
): string {
  const fields: Record<string, string | undefined> = {
    namespace: model.namespace,
    name: model.name,
    target: model.target,
    service: model.service ?? model.target,
    ingress: model.ingress ?? model.target,
    interval: model.interval,
  };

  const rendered = query.replace(
    PLACEHOLDER,
    (placeholder, expression: string) => {
      if (expression.startsWith('variables.')) {
        const variable = expression.slice('variables.'.length);
        const value = model.variables?.[variable];
        if (value === undefined) {
          const known = Object.keys(model.variables ?? {}).sort();
          throw new Error(
            `${source}: ${placeholder} has no value; set templateVariables.${variable} on the Canary's metric (set: ${
              known.join(', ') || 'none'
            })`,
          );
        }
        return value;
      }
      if (!(expression in fields)) {
        throw new Error(
          `${source}: unknown placeholder ${placeholder}; use {{ namespace }}, {{ name }}, {{ target }}, {{ service }}, {{ ingress }}, {{ interval }} or {{ variables.<name> }}`,
        );
      }
      const value = fields[expression];
      if (value === undefined) {
        throw new Error(`${source}: ${placeholder} has no value here`);
      }
      return value;
    },
  );

  if (rendered.includes('{{') || rendered.includes('}}')) {
    throw new Error(
      `${source}: unbalanced {{ or }} in the query; placeholders look like {{ namespace }}`,
    );
  }
  return rendered;
}
