import { z } from 'zod';
import { CANARY_ALERT_SEVERITIES } from '../resource/Canary';

// Messages are written to be read after the field's path and before "(got <value>)", as in
// "analysis.stepWeight must be between 1 and 100 (got 0)".
const between = (min: number, max: number) =>
  z
    .number({ error: `must be a number between ${min} and ${max}` })
    .int({ error: `must be a whole number between ${min} and ${max}` })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

const atLeast = (min: number) =>
  z
    .number({ error: `must be a number of at least ${min}` })
    .int({ error: `must be a whole number of at least ${min}` })
    .min(min, { error: `must be at least ${min}` });

const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
const duration = z
  .string({ error: 'must be a duration such as 30s, 1m or 1h30m' })
  .regex(DURATION, { error: 'must be a duration such as 30s, 1m or 1h30m' });

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const objectName = z
  .string({ error: 'must be a Kubernetes object name' })
  .max(253, { error: 'must be at most 253 characters' })
  .regex(DNS_SUBDOMAIN, {
    error:
      "must be a Kubernetes object name (lowercase letters, digits, '-' and '.')",
  });

const objectRef = z.object({
  apiVersion: z.string().optional(),
  kind: z.string({ error: 'is required' }),
  name: objectName,
});

const thresholdRange = z
  .object({
    min: z.number({ error: 'must be a number' }).optional(),
    max: z.number({ error: 'must be a number' }).optional(),
  })
  .refine(range => range.min !== undefined || range.max !== undefined, {
    error: 'must set min, max or both',
  })
  .refine(
    range =>
      range.min === undefined ||
      range.max === undefined ||
      range.min <= range.max,
    { error: 'must have min <= max' },
  );

/** The analysis metrics Vane measures without a query, per mesh. */
export const BUILTIN_METRICS = [
  'request-success-rate',
  'request-duration',
] as const;

const metric = z
  .object({
    name: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
    interval: duration.optional(),
    thresholdRange: thresholdRange.optional(),
    query: z.string().optional(),
    templateRef: z
      .object({ name: objectName, namespace: objectName.optional() })
      .optional(),
    templateVariables: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((m, ctx) => {
    const builtin = (BUILTIN_METRICS as readonly string[]).includes(m.name);
    if (!builtin && !m.query && !m.templateRef) {
      ctx.addIssue({
        code: 'custom',
        path: ['templateRef'],
        message: `is required for the custom metric "${
          m.name
        }" (built-in metrics: ${BUILTIN_METRICS.join(', ')})`,
      });
    }
    if (!m.thresholdRange) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholdRange'],
        message: `is required: without it "${m.name}" could never fail`,
      });
    }
  });

/** Flagger's webhook types, in the order a rollout meets them. */
export const WEBHOOK_TYPES = [
  'confirm-rollout',
  'pre-rollout',
  'rollout',
  'confirm-traffic-increase',
  'confirm-promotion',
  'post-rollout',
  'rollback',
  'event',
] as const;

/**
 * The URL of a manual gate Vane serves itself: the rollout waits until an owner approves it in the
 * portal (the `approve` action), instead of calling a gate service over HTTP.
 *
 * @public
 */
export const VANE_APPROVAL_URL = 'vane://approval';

/** The webhook types that hold a rollout until they pass; only these may use VANE_APPROVAL_URL. */
export const GATE_WEBHOOK_TYPES = [
  'confirm-rollout',
  'confirm-traffic-increase',
  'confirm-promotion',
] as const;

const webhook = z.object({
  name: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
  type: z
    .enum(WEBHOOK_TYPES, {
      error: `must be one of ${WEBHOOK_TYPES.join(', ')}`,
    })
    .default('rollout'),
  url: z
    .string({ error: 'is required' })
    .regex(/^(https?:\/\/[^\s]+|vane:\/\/approval)$/, {
      error: `must be an http or https URL (or ${VANE_APPROVAL_URL} for a manual gate)`,
    }),
  timeout: duration.optional(),
  retries: between(0, 10).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  muteAlert: z.boolean().optional(),
});

const alert = z.object({
  name: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
  severity: z
    .enum(CANARY_ALERT_SEVERITIES, {
      error: `must be one of ${CANARY_ALERT_SEVERITIES.join(', ')}`,
    })
    .default('info'),
  providerRef: z.object(
    {
      name: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
      namespace: z.string().optional(),
    },
    { error: 'is required' },
  ),
});

const match = z.record(z.string(), z.unknown());

const analysis = z
  .object({
    interval: duration.default('1m'),
    threshold: atLeast(1).default(1),
    maxWeight: between(1, 100).optional(),
    stepWeight: between(1, 100).optional(),
    stepWeights: z.array(between(1, 100)).min(1).optional(),
    stepWeightPromotion: between(1, 100).optional(),
    iterations: atLeast(1).optional(),
    match: z.array(match).optional(),
    mirror: z.boolean().optional(),
    mirrorWeight: between(1, 100).optional(),
    metrics: z.array(metric).default([]),
    webhooks: z.array(webhook).default([]),
    alerts: z.array(alert).optional(),
    sessionAffinity: z
      .object({
        cookieName: z.string().optional(),
        maxAge: atLeast(1).optional(),
      })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const weighted = a.stepWeight !== undefined || a.stepWeights !== undefined;
    if (!weighted && a.iterations === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stepWeight'],
        message:
          'or stepWeights is required for a canary release; set iterations instead for A/B testing or blue/green',
      });
    }
    if (weighted && a.iterations !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['iterations'],
        message:
          'cannot be combined with stepWeight or stepWeights: iterations is for A/B testing and blue/green, weights are for canary releases',
      });
    }
    if (a.stepWeight !== undefined && a.stepWeights !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stepWeights'],
        message: 'cannot be combined with stepWeight: choose one',
      });
    }
    if (a.stepWeights) {
      for (let i = 1; i < a.stepWeights.length; i++) {
        if (a.stepWeights[i] <= a.stepWeights[i - 1]) {
          ctx.addIssue({
            code: 'custom',
            path: ['stepWeights', i],
            message: `must be greater than the step before it (${
              a.stepWeights[i - 1]
            })`,
          });
        }
      }
    }
    if (
      a.stepWeight !== undefined &&
      a.maxWeight !== undefined &&
      a.stepWeight > a.maxWeight
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['stepWeight'],
        message: `must not exceed analysis.maxWeight (${a.maxWeight})`,
      });
    }
    if (a.match && a.iterations === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['match'],
        message:
          'needs iterations: A/B testing sends matching requests to the canary for a number of iterations',
      });
    }
    if (a.mirrorWeight !== undefined && !a.mirror) {
      ctx.addIssue({
        code: 'custom',
        path: ['mirrorWeight'],
        message: 'needs mirror: true',
      });
    }
    const names = new Set<string>();
    a.webhooks.forEach((w, i) => {
      if (names.has(w.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['webhooks', i, 'name'],
          message: `must be unique among the webhooks ("${w.name}" is used twice)`,
        });
      }
      names.add(w.name);
      if (
        w.url === VANE_APPROVAL_URL &&
        !(GATE_WEBHOOK_TYPES as readonly string[]).includes(w.type)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['webhooks', i, 'url'],
          message: `can be ${VANE_APPROVAL_URL} only for a manual gate (${GATE_WEBHOOK_TYPES.join(
            ', ',
          )}), not for a ${w.type} webhook`,
        });
      }
    });
  });

/**
 * The Canary spec (Flagger v1beta1 field names) with Vane's rules. Parse the output of
 * normalizeCanarySpec with it; use validateCanarySpec for messages fit for a status condition.
 *
 * @public
 */
export const canarySpecSchema = z.object({
  provider: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(:[a-z0-9.-]+)?$/, {
      error:
        'must be a mesh provider name such as istio, gatewayapi, smi or kubernetes',
    })
    .optional(),
  targetRef: objectRef.refine(ref => ref.kind === 'Deployment', {
    error: 'must reference a Deployment (kind: Deployment)',
    path: ['kind'],
  }),
  autoscalerRef: objectRef.optional(),
  service: z
    .object({
      name: objectName.optional(),
      port: between(1, 65535),
      targetPort: z.union([between(1, 65535), z.string().min(1)]).optional(),
      portName: z.string().optional(),
      portDiscovery: z.boolean().optional(),
      gateways: z.array(z.string()).optional(),
      hosts: z.array(z.string()).optional(),
      gatewayRefs: z
        .array(
          z.object({
            name: objectName,
            namespace: objectName.optional(),
            sectionName: z.string().optional(),
          }),
        )
        .optional(),
    })
    .passthrough(),
  analysis,
  progressDeadlineSeconds: atLeast(1).default(600),
  skipAnalysis: z.boolean().default(false),
  suspend: z.boolean().default(false),
  revertOnDeletion: z.boolean().optional(),
});

/**
 * A Canary spec after normalisation and defaults.
 *
 * @public
 */
export type ValidCanarySpec = z.output<typeof canarySpecSchema>;
