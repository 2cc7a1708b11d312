/**
 * The index of the weight step a canary has reached: the last planned weight at or below the
 * current canary weight, -1 before the first step.
 */
export function canaryStepIndex(steps: number[], canaryWeight: number): number {
  let reached = -1;
  steps.forEach((weight, index) => {
    if (weight <= canaryWeight) reached = index;
  });
  return reached;
}
