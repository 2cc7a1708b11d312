import {
  CanaryObjectRef,
  CanaryRolloutSpec,
  CanaryStep,
  plannedCanaryWeights,
} from '@vane/plugin-canary-common';

/** The fields of a Canary spec the portal shows: Flagger's names, Vane's and Flagger's alike. */
export interface DescribedCanarySpec {
  targetRef?: CanaryObjectRef;
  analysis: {
    interval?: string;
    threshold?: number;
    maxWeight?: number;
    stepWeight?: number;
    stepWeights?: number[];
    iterations?: number;
    /** Argo Rollouts' steps (Vane's Canaries only). */
    steps?: CanaryStep[];
    match?: unknown[];
    metrics?: Array<{
      name: string;
      interval?: string;
      thresholdRange?: { min?: number; max?: number };
    }>;
  };
  skipAnalysis?: boolean;
  suspend?: boolean;
}

/**
 * A Canary spec (Vane's, once valid, or Flagger's) as the portal shows it: the strategy as
 * Flagger's scheduler reads it (iterations make an A/B test with matches, else blue/green; weight
 * steps a canary release, as do Argo Rollouts' steps), the planned weights, the steps as written,
 * the analysis settings and metrics.
 */
export function describeCanarySpec(
  spec: DescribedCanarySpec,
): CanaryRolloutSpec {
  const { analysis } = spec;
  let strategy: CanaryRolloutSpec['strategy'] = 'canary';
  if ((analysis.iterations ?? 0) > 0) {
    strategy = analysis.match?.length ? 'ab' : 'bluegreen';
  }
  return {
    valid: true,
    strategy,
    ...(spec.targetRef ? { targetRef: spec.targetRef } : {}),
    ...(analysis.interval ? { interval: analysis.interval } : {}),
    ...(analysis.threshold !== undefined
      ? { threshold: analysis.threshold }
      : {}),
    ...(analysis.maxWeight !== undefined
      ? { maxWeight: analysis.maxWeight }
      : {}),
    ...(analysis.stepWeight !== undefined
      ? { stepWeight: analysis.stepWeight }
      : {}),
    ...(analysis.iterations !== undefined
      ? { iterations: analysis.iterations }
      : {}),
    steps: strategy === 'canary' ? plannedCanaryWeights(analysis) : [],
    ...(analysis.steps ? { canarySteps: analysis.steps } : {}),
    metrics: (analysis.metrics ?? []).map(metric => ({
      name: metric.name,
      ...(metric.interval ? { interval: metric.interval } : {}),
      ...(metric.thresholdRange
        ? { thresholdRange: metric.thresholdRange }
        : {}),
    })),
    skipAnalysis: spec.skipAnalysis === true,
    suspend: spec.suspend === true,
  };
}
