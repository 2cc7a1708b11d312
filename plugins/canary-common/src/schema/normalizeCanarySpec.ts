/**
 * Older Flagger manifests (flagger.app/v1alpha3 and early v1beta1) use forms that Flagger itself
 * still accepts. Vane accepts them too, so a Canary ports by changing its apiVersion alone:
 * - `canaryAnalysis` is the old name of `analysis`;
 * - a metric's `threshold` is the old form of `thresholdRange`: a minimum for the success rate,
 *   a maximum for everything else (request-duration, custom queries);
 * - a webhook without `type` (or with `type: ""`) is a `rollout` webhook, an alert with
 *   `severity: ""` an `info` alert.
 *
 * Where an old form and its new one are both written, both are left for the schema to refuse:
 * the engine would otherwise act on one and ignore the other.
 *
 * The result says which forms were rewritten, for callers that tell the user.
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

  if ('canaryAnalysis' in normalized && !('analysis' in normalized)) {
    normalized.analysis = normalized.canaryAnalysis;
    delete normalized.canaryAnalysis;
    deprecations.push('canaryAnalysis is deprecated: use analysis');
  }

  const analysis = normalized.analysis;
  if (isRecord(analysis)) {
    const nextAnalysis: Record<string, unknown> = { ...analysis };
    if (Array.isArray(analysis.metrics)) {
      nextAnalysis.metrics = analysis.metrics.map((metric, index) => {
        if (
          !isRecord(metric) ||
          !('threshold' in metric) ||
          'thresholdRange' in metric
        ) {
          return metric;
        }
        const { threshold, ...rest } = metric;
        const bound = metric.name === 'request-success-rate' ? 'min' : 'max';
        deprecations.push(
          `analysis.metrics[${index}].threshold is deprecated: use thresholdRange.${bound}`,
        );
        return { ...rest, thresholdRange: { [bound]: threshold } };
      });
    }
    if (Array.isArray(analysis.webhooks)) {
      nextAnalysis.webhooks = analysis.webhooks.map(webhook =>
        isRecord(webhook) && (webhook.type === undefined || webhook.type === '')
          ? { ...webhook, type: 'rollout' }
          : webhook,
      );
    }
    if (Array.isArray(analysis.alerts)) {
      nextAnalysis.alerts = analysis.alerts.map(alert =>
        isRecord(alert) && alert.severity === ''
          ? { ...alert, severity: 'info' }
          : alert,
      );
    }
    normalized.analysis = nextAnalysis;
  }

  return { spec: normalized, deprecations };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
