/** How far back the current rollout's charts go when the Canary says nothing of its start. */
const FALLBACK_MS = 60 * 60 * 1000;

/**
 * The time span of a rollout's analysis charts: a past rollout's own start and end (from the
 * history), else the current rollout's start (`status.startedAt`, else the Canary's last
 * transition, else the last hour) to now. A start in the future or after the end is clamped, so
 * the span is never negative.
 */
export function chooseAnalysisRange(options: {
  now: Date;
  startedAt?: string;
  endedAt?: string;
  lastTransitionTime?: string;
}): { from: Date; to: Date } {
  const { now } = options;
  const time = (iso?: string) => {
    const ms = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
  };
  const to = Math.min(time(options.endedAt) ?? now.getTime(), now.getTime());
  const from = Math.min(
    time(options.startedAt) ??
      time(options.lastTransitionTime) ??
      now.getTime() - FALLBACK_MS,
    to,
  );
  return { from: new Date(from), to: new Date(to) };
}
