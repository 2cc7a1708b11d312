import { z } from 'zod';

/**
 * The spec of a MetricTemplate (delivery.vane.dev/v1alpha1): a custom PromQL query that
 * analysis metrics reference by `templateRef`. The query may use `{{ namespace }}`,
 * `{{ target }}`, `{{ interval }}` and `{{ variables.<name> }}`.
 *
 * @public
 */
export const metricTemplateSpecSchema = z.object({
  provider: z
    .object({
      type: z
        .enum(['prometheus'], { error: 'must be prometheus' })
        .default('prometheus'),
      /** Overrides the cluster's Prometheus for this template. */
      address: z
        .string()
        .regex(/^https?:\/\/[^\s]+$/, { error: 'must be an http or https URL' })
        .optional(),
    })
    .default({ type: 'prometheus' }),
  query: z
    .string({ error: 'is required' })
    .min(1, { error: 'must not be empty' }),
});

/** @public */
export type ValidMetricTemplateSpec = z.output<typeof metricTemplateSpecSchema>;
