import {
  CANARY_API,
  CANARY_PHASES,
  canarySpecSchema,
  metricTemplateSpecSchema,
} from '@vane/plugin-canary-common';
import { z } from 'zod';
import { toStructuralSchema } from './toStructuralSchema';

function openApiOf(schema: z.ZodType): Record<string, any> {
  return toStructuralSchema(
    z.toJSONSchema(schema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'openapi-3.0',
    }),
  );
}

/**
 * The spec schema the API server enforces: the zod schema's fields, types, ranges and enums, with
 * `canaryAnalysis` (Flagger's old name of `analysis`, which the engine normalises) typed as
 * `analysis`. Cross-field rules (stepWeight <= maxWeight, ...) and the refusals of Flagger fields
 * Vane does not act on are the engine's to report on the status, since a CRD schema cannot
 * express them: the fields are kept, never pruned.
 */
function canarySpecOpenApi(): Record<string, any> {
  const spec = openApiOf(canarySpecSchema);
  // Flagger's CRD takes "" for "not set" in these enums; the engine reads it as the default.
  const analysis = spec.properties.analysis.properties;
  analysis.webhooks.items.properties.type.enum.unshift('');
  analysis.alerts.items.properties.severity.enum.unshift('');
  spec.properties.canaryAnalysis = {
    ...spec.properties.analysis,
    description: 'Deprecated: use analysis',
  };
  spec.required = (spec.required as string[]).filter(
    field => field !== 'analysis',
  );
  return spec;
}

const canaryStatusOpenApi = {
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
  properties: {
    phase: { type: 'string', enum: [...CANARY_PHASES] },
    canaryWeight: { type: 'integer' },
    failedChecks: { type: 'integer' },
    iterations: { type: 'integer' },
    lastAppliedSpec: { type: 'string' },
    lastPromotedSpec: { type: 'string' },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    reason: { type: 'string' },
    sessionAffinityCookie: { type: 'string' },
    previousSessionAffinityCookie: { type: 'string' },
    primarySessionAffinityCookie: { type: 'string' },
    conditions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'status'],
        properties: {
          type: { type: 'string' },
          status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
          reason: { type: 'string' },
          message: { type: 'string' },
          lastUpdateTime: { type: 'string', format: 'date-time' },
          lastTransitionTime: { type: 'string', format: 'date-time' },
        },
      },
    },
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      },
    },
    currentStepIndex: { type: 'integer', minimum: 0 },
    stepPause: {
      type: 'object',
      required: ['step', 'startTime'],
      properties: {
        step: { type: 'integer', minimum: 0 },
        startTime: { type: 'string', format: 'date-time' },
        endTime: { type: 'string', format: 'date-time' },
      },
    },
  },
};

/**
 * A column of the analysis: `analysis`, else `canaryAnalysis` (a v1alpha3-style Canary). The
 * API server evaluates these with Kubernetes JSONPath, whose union `['a','b']` yields the first
 * that exists, as the engine reads them.
 */
const analysisColumn = (name: string, type: string, field: string) => ({
  name,
  type,
  jsonPath: `.spec['analysis','canaryAnalysis'].${field}`,
});

/** Printer columns as Flagger's, so `kubectl get canaries` reads the same. */
const canaryPrinterColumns = [
  { name: 'Status', type: 'string', jsonPath: '.status.phase' },
  { name: 'Weight', type: 'integer', jsonPath: '.status.canaryWeight' },
  { name: 'FailedChecks', type: 'integer', jsonPath: '.status.failedChecks' },
  analysisColumn('Interval', 'string', 'interval'),
  analysisColumn('Mirror', 'boolean', 'mirror'),
  analysisColumn('StepWeight', 'integer', 'stepWeight'),
  analysisColumn('StepWeights', 'string', 'stepWeights'),
  analysisColumn('MaxWeight', 'integer', 'maxWeight'),
  {
    name: 'LastTransitionTime',
    type: 'string',
    jsonPath: '.status.lastTransitionTime',
  },
];

/**
 * The CustomResourceDefinitions of Vane: Canary and MetricTemplate in delivery.vane.dev.
 * Generated from canary-common's zod schemas; crds/*.yaml are this output, checked by a test.
 */
export function buildCrds(): Record<string, any>[] {
  const canary = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${CANARY_API.plural}.${CANARY_API.group}` },
    spec: {
      group: CANARY_API.group,
      names: {
        kind: CANARY_API.kind,
        listKind: 'CanaryList',
        plural: CANARY_API.plural,
        singular: 'canary',
        categories: ['all', 'vane'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: CANARY_API.version,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: canaryPrinterColumns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: canarySpecOpenApi(),
                status: canaryStatusOpenApi,
              },
            },
          },
        },
      ],
    },
  };

  const metricTemplate = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `metrictemplates.${CANARY_API.group}` },
    spec: {
      group: CANARY_API.group,
      names: {
        kind: 'MetricTemplate',
        listKind: 'MetricTemplateList',
        plural: 'metrictemplates',
        singular: 'metrictemplate',
        categories: ['vane'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: CANARY_API.version,
          served: true,
          storage: true,
          additionalPrinterColumns: [
            {
              name: 'Provider',
              type: 'string',
              jsonPath: '.spec.provider.type',
            },
          ],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: openApiOf(metricTemplateSpecSchema),
              },
            },
          },
        },
      ],
    },
  };

  return [canary, metricTemplate];
}
