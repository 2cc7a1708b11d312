/**
 * Older Flagger manifests (flagger.app/v1alpha3 and early v1beta1) use forms that Flagger itself
 * still accepts. Vane accepts them too, so a Canary ports by changing its apiVersion alone:
 * - `canaryAnalysis` is the old name of `analysis`;
 * - a metric's `threshold` is the old form of `thresholdRange`: a minimum for the success rate,
 *   a maximum for everything else (request-duration, custom queries);
 * - a webhook without `type` is a `rollout` webhook.
 *
 * The result says which forms were rewritten, so the engine can report them on the status.
 *
 * @public
 */
export function normalizeCanarySpec(spec: unknown): {
  spec: unknown;
  deprecations: string[];
} {
  if (!isRecord(spec)) {
    return { spec, deprecations: [] };
  }
  const deprecations: string[] = [];
  const normalized: Record<string, unknown> = { ...spec };

  if ('canaryAnalysis' in normalized) {
    if (!('analysis' in normalized)) {
      normalized.analysis = normalized.canaryAnalysis;
      deprecations.push('canaryAnalysis is deprecated: use analysis');
    } else {
      deprecations.push(
        'canaryAnalysis is ignored because analysis is also set',
      );
    }
    delete normalized.canaryAnalysis;
  }

  const analysis = normalized.analysis;
  if (isRecord(analysis)) {
    const nextAnalysis: Record<string, unknown> = { ...analysis };
    if (Array.isArray(analysis.metrics)) {
      nextAnalysis.metrics = analysis.metrics.map((metric, index) => {
        if (!isRecord(metric) || !('threshold' in metric)) {
          return metric;
        }
        const { threshold, ...rest } = metric;
        if ('thresholdRange' in metric) {
          deprecations.push(
            `analysis.metrics[${index}].threshold is ignored because thresholdRange is also set`,
          );
          return rest;
        }
        const bound = metric.name === 'request-success-rate' ? 'min' : 'max';
        deprecations.push(
          `analysis.metrics[${index}].threshold is deprecated: use thresholdRange.${bound}`,
        );
        return { ...rest, thresholdRange: { [bound]: threshold } };
      });
    }
    if (Array.isArray(analysis.webhooks)) {
      nextAnalysis.webhooks = analysis.webhooks.map(webhook =>
        isRecord(webhook) && webhook.type === undefined
          ? { ...webhook, type: 'rollout' }
          : webhook,
      );
    }
    normalized.analysis = nextAnalysis;
  }

  return { spec: normalized, deprecations };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
