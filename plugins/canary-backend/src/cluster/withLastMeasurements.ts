import type { KubernetesObjectLike } from '@vane/plugin-canary-node';

/**
 * An Argo AnalysisRun as the cluster cache holds it: all of it but the older measurements of each
 * metric (a long-running metric keeps many), of which the portal shows only the newest.
 */
export function withLastMeasurements(
  object: KubernetesObjectLike,
): KubernetesObjectLike {
  const run = object as any;
  const results = run.status?.metricResults;
  if (!Array.isArray(results)) {
    return object;
  }
  return {
    ...run,
    status: {
      ...run.status,
      metricResults: results.map((result: any) => ({
        ...result,
        measurements: Array.isArray(result.measurements)
          ? result.measurements.slice(-1)
          : [],
      })),
    },
  };
}
