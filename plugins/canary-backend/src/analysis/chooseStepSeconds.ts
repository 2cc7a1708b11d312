/**
 * The step of a range query over `rangeSeconds` so that a chart gets at most `maxPoints` points:
 * whole seconds, never below `minSeconds` (finer than the scrape interval only repeats samples).
 */
export function chooseStepSeconds(
  rangeSeconds: number,
  maxPoints: number,
  minSeconds = 1,
): number {
  return Math.max(minSeconds, Math.ceil(rangeSeconds / maxPoints));
}
