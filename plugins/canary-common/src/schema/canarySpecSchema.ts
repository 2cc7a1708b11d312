import { z } from 'zod';
import { CANARY_ALERT_SEVERITIES } from '../resource/Canary';
import { analysisSteps } from './analysisSteps';
import { FLAGGER_FIELD_REFUSALS as REFUSED } from './FLAGGER_FIELD_REFUSALS';
import { between } from './numberBetween';
import { parseDuration } from './parseDuration';
import { refusedField } from './refusedField';

const atLeast = (min: number) =>
  z
    .number({ error: `must be a number of at least ${min}` })
    .int({ error: `must be a whole number of at least ${min}` })
    .min(min, { error: `must be at least ${min}` });

const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
const DURATION_FORMAT = 'must be a duration such as 30s, 1m or 1h30m';

/**
 * A Go-style duration between `min` and `max` (both written as durations, e.g. `1s`, `24h`). The
 * bounds keep a timer meaningful: `interval: 0s` would tick without pause, and Node's timers cannot
 * wait longer than 24.8 days.
 */
const durationBetween = (min: string, max: string) =>
  z
    .string({ error: DURATION_FORMAT })
    // Kept as a pattern in the CRD, so the API server refuses a malformed duration at apply.
    .regex(DURATION, { error: DURATION_FORMAT, abort: true })
    .superRefine((value, ctx) => {
      if (parseDuration(value) < parseDuration(min)) {
        ctx.addIssue({ code: 'custom', message: `must be at least ${min}` });
      } else if (parseDuration(value) > parseDuration(max)) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${max}` });
      }
    });

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

/**
 * Flagger's `ingressRef`: the Ingress (networking.k8s.io/v1, in the Canary's namespace) whose
 * canary copy provider nginx writes. Other providers refuse it (the mesh's `refuse`).
 */
const ingressRef = z.object({
  apiVersion: z
    .string()
    .refine(v => v === 'networking.k8s.io/v1', {
      error: REFUSED['ingressRef.apiVersion'],
    })
    .optional(),
  kind: z
    .string()
    .refine(v => v === 'Ingress', { error: REFUSED['ingressRef.kind'] })
    .optional(),
  name: objectName,
});

/** A reference to an object of a provider Vane does not support (Flagger's routeRef, ...). */
const otherProviderRef = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
});

/** The workload kinds Vane releases, as Flagger does: `<name>-primary` is made of the same kind. */
const CANARY_TARGET_KINDS = ['Deployment', 'DaemonSet'] as const;

/** The autoscalers Vane copies as `<name>-primary` for the primary, as Flagger does. */
const CANARY_AUTOSCALER_KINDS = [
  'HorizontalPodAutoscaler',
  'ScaledObject',
] as const;

const isOneOf = <T extends string>(values: readonly T[], value: string) =>
  (values as readonly string[]).includes(value);

const targetRef = objectRef.superRefine((ref, ctx) => {
  if (isOneOf(CANARY_TARGET_KINDS, ref.kind)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['kind'],
    message:
      ref.kind === 'Service'
        ? REFUSED['targetRef.kind=Service']
        : REFUSED['targetRef.kind'],
  });
});

const autoscalerRef = objectRef
  .extend({
    // Flagger's map of a ScaledObject trigger's name to the query of the primary's copy.
    primaryScalerQueries: z.record(z.string(), z.string()).optional(),
    primaryScalerReplicas: z
      .object({
        minReplicas: z.number().int().optional(),
        maxReplicas: z.number().int().optional(),
      })
      .optional(),
  })
  .superRefine((ref, ctx) => {
    if (!isOneOf(CANARY_AUTOSCALER_KINDS, ref.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: REFUSED['autoscalerRef.kind'],
      });
    } else if (
      ref.kind === 'HorizontalPodAutoscaler' &&
      Object.keys(ref.primaryScalerQueries ?? {}).length > 0
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['primaryScalerQueries'],
        message:
          REFUSED['autoscalerRef.primaryScalerQueries+HorizontalPodAutoscaler'],
      });
    }
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

/**
 * The analysis metrics Vane measures without a query, per mesh.
 *
 * @public
 */
export const BUILTIN_METRICS = [
  'request-success-rate',
  'request-duration',
] as const;

const metric = z
  .object({
    name: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
    interval: durationBetween('1s', '24h').optional(),
    // Left by normalizeCanarySpec only beside thresholdRange, which it cannot be combined with.
    threshold: refusedField(
      z.number(),
      REFUSED['analysis.metrics[].threshold+thresholdRange'],
    ),
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

/**
 * Flagger's webhook types, in the order a rollout meets them.
 *
 * @public
 */
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

/**
 * The webhook types that hold a rollout until they pass; only these may use VANE_APPROVAL_URL.
 *
 * @public
 */
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
  // Short gates answer in well under a second; a tick waits for its webhooks, so not for hours.
  timeout: durationBetween('100ms', '1h').optional(),
  retries: between(0, 10).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  // The alert of a gate that holds the rollout (decideRolloutAlert), as Flagger's muteAlert.
  muteAlert: z.boolean().optional(),
  // TLS verification skipped for this webhook's calls only.
  disableTLS: z.boolean().optional(),
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
      namespace: refusedField(
        z.string(),
        REFUSED['analysis.alerts[].providerRef.namespace'],
      ),
    },
    { error: 'is required' },
  ),
});

/** An Istio HTTPMatchRequest, as Flagger takes it; each router translates or refuses it. */
const match = z.record(z.string(), z.unknown());

/**
 * Flagger's ready thresholds: the percentage of a workload's pods that must be available for it
 * to count as ready (default 100, applied where the engine reads readiness).
 */
const readyThreshold = between(0, 100).optional();

/** A cookie name: an RFC 6265 token (no separators, spaces or control characters). */
const cookieName = z
  .string({ error: 'is required' })
  .min(1, { error: 'is required' })
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, {
    error:
      "must be a cookie name: letters, digits and !#$%&'*+-.^_`|~ only (no spaces, '=' or ';')",
  });

/** A cookie attribute's value: anything but ';' and control characters, which would end it. */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const cookieAttribute = z.string().regex(/^[^;\x00-\x1f\x7f]*$/, {
  error: "must not contain ';' or control characters",
});

/**
 * Flagger's session affinity: the canary's answers set a cookie, and requests carrying it stay on
 * the canary for the rest of the rollout (optionally the primary's answers set one too, for an
 * interval). The routers write it on istio and gatewayapi; smi and kubernetes refuse it.
 */
const sessionAffinity = z
  .object({
    cookieName,
    primaryCookieName: cookieName.optional(),
    domain: cookieAttribute.optional(),
    httpOnly: z.boolean().optional(),
    // Flagger reads 0 (Go's zero value) as its default, a day.
    maxAge: z
      .number({ error: 'must be a number of seconds' })
      .int({ error: 'must be a whole number of seconds' })
      .min(0, { error: 'must be 0 or more (0 or unset: 86400, a day)' })
      .optional(),
    partitioned: z.boolean().optional(),
    path: cookieAttribute.optional(),
    sameSite: z
      .enum(['Strict', 'Lax', 'None'], {
        error: 'must be one of Strict, Lax, None',
      })
      .optional(),
    secure: z.boolean().optional(),
  })
  .superRefine((affinity, ctx) => {
    if (
      affinity.primaryCookieName !== undefined &&
      affinity.primaryCookieName === affinity.cookieName
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['primaryCookieName'],
        message:
          'must differ from cookieName: the primary and the canary each need their own cookie',
      });
    }
  });

/**
 * With `analysis.steps`, the fields that describe the traffic in Flagger's terms are refused by
 * name: exactly one vocabulary per Canary, so the engine never acts on one and ignores the other.
 */
function refuseBesideSteps(
  a: {
    stepWeight?: number;
    stepWeights?: number[];
    iterations?: number;
    maxWeight?: number;
    mirror?: boolean;
    match?: unknown[];
  },
  refuse: (path: PropertyKey[], message: string) => void,
) {
  for (const field of ['stepWeight', 'stepWeights', 'iterations'] as const) {
    if (a[field] !== undefined) {
      refuse(
        [field],
        `cannot be combined with analysis.steps: steps describe the traffic in Argo Rollouts' vocabulary, ${field} in Flagger's; keep one of them`,
      );
    }
  }
  if (a.maxWeight !== undefined) {
    refuse(
      ['maxWeight'],
      'applies to weight steps (stepWeight, stepWeights), not to analysis.steps, whose setWeight steps name every weight; remove it',
    );
  }
  if (a.mirror) {
    refuse(
      ['mirror'],
      'cannot be combined with analysis.steps: mirror requests to the canary with a setMirrorRoute step; remove it',
    );
  }
  if (a.match?.length) {
    refuse(
      ['match'],
      'cannot be combined with analysis.steps: send matching requests to the canary with a setHeaderRoute step; remove it',
    );
  }
}

/**
 * The bounds of `analysis.interval`, also those of the engine's timer (analysisIntervalMs).
 *
 * @public
 */
export const ANALYSIS_INTERVAL_BOUNDS = { min: '1s', max: '24h' } as const;

const analysis = z
  .object({
    interval: durationBetween(
      ANALYSIS_INTERVAL_BOUNDS.min,
      ANALYSIS_INTERVAL_BOUNDS.max,
    ).default('1m'),
    threshold: atLeast(1).default(1),
    maxWeight: between(1, 100).optional(),
    stepWeight: between(1, 100).optional(),
    stepWeights: z.array(between(1, 100)).min(1).optional(),
    stepWeightPromotion: between(1, 100).optional(),
    iterations: atLeast(1).optional(),
    steps: analysisSteps.optional(),
    match: z.array(match).optional(),
    mirror: z.boolean().optional(),
    mirrorWeight: between(1, 100).optional(),
    primaryReadyThreshold: readyThreshold,
    canaryReadyThreshold: readyThreshold,
    metrics: z.array(metric).default([]),
    webhooks: z.array(webhook).default([]),
    alerts: z.array(alert).optional(),
    sessionAffinity: sessionAffinity.optional(),
  })
  .superRefine((a, ctx) => {
    const weighted = a.stepWeight !== undefined || a.stepWeights !== undefined;
    const refuse = (path: PropertyKey[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (a.steps) {
      refuseBesideSteps(a, refuse);
    } else if (!weighted && a.iterations === undefined) {
      refuse(
        ['stepWeight'],
        "or stepWeights is required for a canary release; set iterations instead for A/B testing or blue/green, or steps for Argo Rollouts' setWeight and pause steps",
      );
    }
    if (weighted && a.iterations !== undefined) {
      refuse(
        ['iterations'],
        'cannot be combined with stepWeight or stepWeights: iterations is for A/B testing and blue/green, weights are for canary releases',
      );
    }
    if (a.stepWeight !== undefined && a.stepWeights !== undefined) {
      refuse(['stepWeights'], 'cannot be combined with stepWeight: choose one');
    }
    if (a.stepWeights) {
      for (let i = 1; i < a.stepWeights.length; i++) {
        if (a.stepWeights[i] <= a.stepWeights[i - 1]) {
          refuse(
            ['stepWeights', i],
            `must be greater than the step before it (${a.stepWeights[i - 1]})`,
          );
        }
      }
    }
    if (
      a.stepWeight !== undefined &&
      a.maxWeight !== undefined &&
      a.stepWeight > a.maxWeight
    ) {
      refuse(
        ['stepWeight'],
        `must not exceed analysis.maxWeight (${a.maxWeight})`,
      );
    }
    if (!weighted && a.iterations !== undefined && a.maxWeight !== undefined) {
      refuse(['maxWeight'], REFUSED['analysis.maxWeight+iterations']);
    }
    if (a.match && a.iterations === undefined && !a.steps) {
      refuse(
        ['match'],
        'needs iterations: A/B testing sends matching requests to the canary for a number of iterations',
      );
    }
    if (a.mirrorWeight !== undefined && !a.mirror) {
      refuse(['mirrorWeight'], 'needs mirror: true');
    }
    if (a.mirror && a.match?.length) {
      refuse(['mirror'], REFUSED['analysis.mirror+match']);
    }
    if (a.sessionAffinity && a.iterations !== undefined) {
      refuse(
        ['sessionAffinity'],
        REFUSED['analysis.sessionAffinity+iterations'],
      );
    }
    const names = new Set<string>();
    a.webhooks.forEach((w, i) => {
      if (names.has(w.name)) {
        refuse(
          ['webhooks', i, 'name'],
          `must be unique among the webhooks ("${w.name}" is used twice)`,
        );
      }
      names.add(w.name);
      if (
        w.url === VANE_APPROVAL_URL &&
        !(GATE_WEBHOOK_TYPES as readonly string[]).includes(w.type)
      ) {
        refuse(
          ['webhooks', i, 'url'],
          `can be ${VANE_APPROVAL_URL} only for a manual gate (${GATE_WEBHOOK_TYPES.join(
            ', ',
          )}), not for a ${w.type} webhook`,
        );
      }
    });
  });

const stringMap = z.record(z.string(), z.string());

/** Labels and annotations for one of the generated Services (Flagger's CustomMetadata). */
const customMetadata = z
  .object({
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  })
  .optional();

/** Flagger's rewrite types: the Gateway API path modifiers (HTTPRewrite.GetType). */
const REWRITE_TYPES = ['ReplaceFullPath', 'ReplacePrefixMatch'] as const;

/** Istio's HTTP header operations (Flagger's `service.headers`). */
const headerOperations = z.object({
  add: stringMap.optional(),
  set: stringMap.optional(),
  remove: z.array(z.string()).optional(),
});

/**
 * Flagger's `service`: the generated Services and the fields each mesh router writes into its
 * routing objects. Fields a router cannot carry are refused by that router (MeshRouterFactory's
 * `refuse`), before anything is created.
 */
const service = z.object({
  name: objectName.optional(),
  port: between(1, 65535),
  targetPort: z.union([between(1, 65535), z.string().min(1)]).optional(),
  portName: z.string().optional(),
  appProtocol: z.string().optional(),
  trafficDistribution: z
    .enum(['PreferClose', 'PreferSameZone', 'PreferSameNode'], {
      error: 'must be PreferClose, PreferSameZone or PreferSameNode',
    })
    .optional(),
  portDiscovery: z.boolean().optional(),
  headless: z.boolean().optional(),
  timeout: durationBetween('1ms', '24h').optional(),
  backendTimeout: durationBetween('1ms', '24h').optional(),
  gateways: z.array(z.string()).optional(),
  gatewayRefs: z
    .array(
      z.object({
        group: z.string().optional(),
        kind: z.string().optional(),
        name: objectName,
        namespace: objectName.optional(),
        sectionName: z.string().optional(),
        port: between(1, 65535).optional(),
      }),
    )
    .optional(),
  hosts: z.array(z.string()).optional(),
  delegation: z.boolean().optional(),
  trafficPolicy: z.record(z.string(), z.unknown()).optional(),
  match: z.array(match).optional(),
  rewrite: z
    .object({
      uri: z.string().optional(),
      authority: z.string().optional(),
      // Typed as Flagger's CRD types it (a string), so the validator names a wrong value.
      type: z
        .string()
        .refine(
          value =>
            value === '' ||
            (REWRITE_TYPES as readonly string[]).includes(value),
          {
            error: `must be ${REWRITE_TYPES.join(
              ' or ',
            )} (Flagger would read any other value as ReplaceFullPath)`,
          },
        )
        .optional(),
    })
    .optional(),
  retries: z
    .object({
      attempts: z.number().int().optional(),
      perTryTimeout: durationBetween('1ms', '24h').optional(),
      retryOn: z.string().optional(),
    })
    .optional(),
  headers: z
    .object({
      request: headerOperations.optional(),
      response: headerOperations.optional(),
    })
    .optional(),
  mirror: refusedField(
    z.array(z.record(z.string(), z.unknown())),
    REFUSED['service.mirror'],
  ),
  corsPolicy: z
    .object({
      allowCredentials: z.boolean().optional(),
      allowHeaders: z.array(z.string()).optional(),
      allowMethods: z.array(z.string()).optional(),
      allowOrigin: z.array(z.string()).optional(),
      allowOrigins: z.array(z.record(z.string(), z.string())).optional(),
      exposeHeaders: z.array(z.string()).optional(),
      maxAge: z.string().optional(),
    })
    .optional(),
  meshName: refusedField(z.string(), REFUSED['service.meshName']),
  // Refused by canarySpecSchema unless provider is appmesh (service.backends+provider).
  backends: z.array(z.string()).optional(),
  apex: customMetadata,
  primary: customMetadata,
  canary: customMetadata,
  unmanagedMetadata: z
    .object({
      annotations: z.array(z.string()).optional(),
      labels: z.array(z.string()).optional(),
    })
    .optional(),
});

/**
 * The Canary spec (Flagger v1beta1 field names) with Vane's rules. Parse the output of
 * normalizeCanarySpec with it; use validateCanarySpec for messages fit for a status condition.
 * Every field of Flagger's v1beta1 Canary is here, so that none is pruned in silence by the API
 * server: each either behaves as in Flagger or is refused by name (FLAGGER_FIELD_REFUSALS, and
 * the mesh routers' refusals for what one mesh cannot do).
 *
 * @public
 */
export const canarySpecSchema = z
  .object({
    provider: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(:[a-z0-9.-]+)?$/, {
        error:
          'must be a mesh provider name such as istio, gatewayapi, smi or kubernetes',
      })
      .optional(),
    metricsServer: refusedField(z.string(), REFUSED.metricsServer),
    targetRef,
    autoscalerRef: autoscalerRef.optional(),
    ingressRef: ingressRef.optional(),
    routeRef: refusedField(otherProviderRef, REFUSED.routeRef),
    upstreamRef: refusedField(otherProviderRef, REFUSED.upstreamRef),
    service,
    analysis,
    // Left by normalizeCanarySpec only beside analysis; the CRD types it as analysis.
    canaryAnalysis: refusedField(
      z.unknown(),
      REFUSED['canaryAnalysis+analysis'],
    ),
    progressDeadlineSeconds: atLeast(1).default(600),
    skipAnalysis: z.boolean().default(false),
    suspend: z.boolean().default(false),
    revertOnDeletion: z.boolean().optional(),
  })
  .superRefine((spec, ctx) => {
    if (
      spec.service.backends?.length &&
      spec.provider?.split(':')[0] !== 'appmesh'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['service', 'backends'],
        message: REFUSED['service.backends+provider'],
      });
    }
    if (spec.targetRef.kind === 'DaemonSet' && spec.autoscalerRef) {
      ctx.addIssue({
        code: 'custom',
        path: ['autoscalerRef'],
        message: REFUSED['autoscalerRef+targetRef.kind=DaemonSet'],
      });
    }
  });

/**
 * A Canary spec after normalisation and defaults.
 *
 * @public
 */
export type ValidCanarySpec = z.output<typeof canarySpecSchema>;
