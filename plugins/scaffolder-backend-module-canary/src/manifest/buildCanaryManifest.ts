import { VANE_APPROVAL_URL } from '@vane/plugin-canary-common';
import type { CanaryManifestInput } from './CanaryManifestInput';

/** The manifests of one release, and which input each metric and webhook came from. */
export interface CanaryManifests {
  canary: Record<string, any>;
  metricTemplate?: Record<string, any>;
  /** Input field per `spec.analysis.metrics[i]`, to report a broken rule where it was typed. */
  metricInputs: string[];
  /** Input field per `spec.analysis.webhooks[i]`. */
  webhookInputs: string[];
}

const API_VERSION = 'delivery.vane.dev/v1alpha1';

/**
 * Turns a team's answers into a Canary (Flagger's field names) and, for a custom query, its
 * MetricTemplate. Pure and unvalidated: validateCanaryManifest judges the result, so the rules
 * live in one place.
 */
export function buildCanaryManifest(
  input: CanaryManifestInput,
): CanaryManifests {
  const name = input.name || input.targetDeployment;
  const metrics: Array<Record<string, unknown>> = [];
  const metricInputs: string[] = [];
  const metricInterval = input.metricInterval ?? input.interval;
  if (input.successRateMin !== undefined) {
    metrics.push({
      name: 'request-success-rate',
      thresholdRange: { min: input.successRateMin },
      interval: metricInterval,
    });
    metricInputs.push('successRateMin');
  }
  if (input.latencyMaxMs !== undefined) {
    metrics.push({
      name: 'request-duration',
      thresholdRange: { max: input.latencyMaxMs },
      interval: metricInterval,
    });
    metricInputs.push('latencyMaxMs');
  }
  let metricTemplate: Record<string, any> | undefined;
  if (input.customMetric) {
    const { name: metricName, query, min, max } = input.customMetric;
    metricTemplate = {
      apiVersion: API_VERSION,
      kind: 'MetricTemplate',
      metadata: { name: `${name}-${metricName}`, namespace: input.namespace },
      spec: { provider: { type: 'prometheus' }, query },
    };
    metrics.push({
      name: metricName,
      templateRef: {
        name: metricTemplate.metadata.name,
        namespace: input.namespace,
      },
      thresholdRange: {
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      },
      interval: metricInterval,
    });
    metricInputs.push('customMetric');
  }

  const webhooks: Array<Record<string, unknown>> = [];
  const webhookInputs: string[] = [];
  for (const gate of input.manualGates ?? []) {
    webhooks.push({
      name: `approve-${gate}`,
      type: gate,
      url: VANE_APPROVAL_URL,
    });
    webhookInputs.push('manualGates');
  }
  if (input.loadTest) {
    // Flagger's load tester contract: a rollout hook called every interval with the command.
    webhooks.push({
      name: 'load-test',
      type: 'rollout',
      url: input.loadTest.url,
      timeout: '15s',
      metadata: { type: 'cmd', cmd: input.loadTest.command },
    });
    webhookInputs.push('loadTestUrl');
  }

  const analysis: Record<string, unknown> = {
    interval: input.interval,
    threshold: input.threshold,
  };
  if (input.strategy === 'steps') {
    analysis.steps = input.steps;
  } else if (input.strategy === 'canary') {
    if (input.stepWeights?.length) {
      analysis.stepWeights = input.stepWeights;
    } else {
      analysis.stepWeight = input.stepWeight;
      analysis.maxWeight = input.maxWeight;
    }
  } else {
    analysis.iterations = input.iterations;
  }
  if (input.strategy === 'ab') {
    const header = input.abHeader ?? { name: 'x-canary', value: 'insider' };
    analysis.match = [{ headers: { [header.name]: { exact: header.value } } }];
  }
  if (metrics.length) analysis.metrics = metrics;
  if (webhooks.length) analysis.webhooks = webhooks;

  const canary = {
    apiVersion: API_VERSION,
    kind: 'Canary',
    metadata: { name, namespace: input.namespace },
    spec: {
      ...(input.provider ? { provider: input.provider } : {}),
      targetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: input.targetDeployment,
      },
      ...(input.progressDeadlineSeconds === undefined
        ? {}
        : { progressDeadlineSeconds: input.progressDeadlineSeconds }),
      // On by default: a team that switches canary releases off by deleting the Canary must
      // not be left with its Deployment at zero replicas.
      revertOnDeletion: input.revertOnDeletion ?? true,
      service: {
        port: input.port,
        ...(input.targetPort === undefined
          ? {}
          : { targetPort: input.targetPort }),
      },
      analysis,
    },
  };
  return { canary, metricTemplate, metricInputs, webhookInputs };
}
