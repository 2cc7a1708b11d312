import { ANALYSIS_INTERVAL_BOUNDS } from './canarySpecSchema';
import { parseDuration } from './parseDuration';

const DEFAULT_INTERVAL_MS = 60_000;

/**
 * How long the engine waits between two ticks of a Canary, from its spec as stored (valid or not,
 * `analysis` or Flagger's older `canaryAnalysis`): its `analysis.interval` held within the bounds
 * the schema enforces (1s to 24h), Flagger's default of 1m when it has none or an unreadable one.
 * A spec the validator refuses (`interval: 0s`) is still ticked, to report it: never without
 * pause, and never past what a Node timer can wait.
 *
 * @public
 */
export function analysisIntervalMs(spec: unknown): number {
  const raw = spec as
    | {
        analysis?: { interval?: unknown };
        canaryAnalysis?: { interval?: unknown };
      }
    | undefined;
  const interval = raw?.analysis?.interval ?? raw?.canaryAnalysis?.interval;
  let ms = DEFAULT_INTERVAL_MS;
  if (typeof interval === 'string') {
    try {
      ms = parseDuration(interval);
    } catch {
      ms = DEFAULT_INTERVAL_MS;
    }
  }
  return Math.min(
    Math.max(ms, parseDuration(ANALYSIS_INTERVAL_BOUNDS.min)),
    parseDuration(ANALYSIS_INTERVAL_BOUNDS.max),
  );
}
