import { z } from 'zod';
import { FLAGGER_METRIC_TEMPLATE_REFUSALS as REFUSED } from './FLAGGER_FIELD_REFUSALS';
import { refusedField } from './refusedField';

/**
 * The spec of a MetricTemplate (delivery.vane.dev/v1alpha1): a custom PromQL query that
 * analysis metrics reference by `templateRef`. The query may use `{{ namespace }}`,
 * `{{ target }}`, `{{ interval }}` and `{{ variables.<name> }}`. Every field of Flagger's
 * MetricTemplate is here; those Vane does not act on are refused by name
 * (FLAGGER_METRIC_TEMPLATE_REFUSALS).
 *
 * @public
 */
export const metricTemplateSpecSchema = z.object({
  provider: z
    .object({
      // Kept to prometheus in the CRD too: the API server refuses another type at apply.
      type: z
        .enum(['prometheus'], { error: REFUSED['provider.type'] })
        .default('prometheus'),
      /** Overrides the cluster's Prometheus for this template. */
      address: z
        .string()
        .regex(/^https?:\/\/[^\s]+$/, { error: 'must be an http or https URL' })
        .optional(),
      headers: refusedField(
        z.record(z.string(), z.array(z.string())),
        REFUSED['provider.headers'],
      ),
      secretRef: refusedField(
        z.object({ name: z.string() }),
        REFUSED['provider.secretRef'],
      ),
      region: refusedField(z.string(), REFUSED['provider.region']),
      insecureSkipVerify: refusedField(
        z.boolean(),
        REFUSED['provider.insecureSkipVerify'],
      ),
    })
    .default({ type: 'prometheus' }),
  query: z
    .string({ error: 'is required' })
    .min(1, { error: 'must not be empty' }),
});

/** @public */
export type ValidMetricTemplateSpec = z.output<typeof metricTemplateSpecSchema>;
