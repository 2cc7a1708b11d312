import type { ValidCanarySpec } from './canarySpecSchema';

/**
 * The canary weights a weighted rollout steps through, in order: `stepWeights` as written, or
 * `stepWeight`, `2 x stepWeight`, ... up to `maxWeight` (default 100), the last step capped at
 * `maxWeight` as Flagger does; with Argo Rollouts' `steps`, the weights of their `setWeight`
 * steps as written. Empty for A/B and blue/green (iterations) releases.
 *
 * @public
 */
export function plannedCanaryWeights(
  analysis: Pick<
    ValidCanarySpec['analysis'],
    'stepWeight' | 'stepWeights' | 'maxWeight'
  > & { steps?: ValidCanarySpec['analysis']['steps'] },
): number[] {
  if (analysis.steps) {
    return analysis.steps.flatMap(step =>
      step.setWeight === undefined ? [] : [step.setWeight],
    );
  }
  if (analysis.stepWeights && analysis.stepWeights.length > 0) {
    const max = analysis.maxWeight ?? 100;
    return analysis.stepWeights.filter(weight => weight <= max);
  }
  if (!analysis.stepWeight) {
    return [];
  }
  const max = analysis.maxWeight ?? 100;
  const weights: number[] = [];
  for (
    let weight = analysis.stepWeight;
    weight < max;
    weight += analysis.stepWeight
  ) {
    weights.push(weight);
  }
  weights.push(max);
  return weights;
}
