import { parseDuration } from './parseDuration';

const SECONDS = /^[0-9]+$/;

/**
 * Milliseconds of a `pause` step's `duration`, read as Argo Rollouts reads it (RolloutPause's
 * DurationSeconds): an integer is seconds, a string of digits too, and any other string a
 * duration with units (`10m`, `1h30m`, `90s`). Throws for anything else.
 *
 * @public
 */
export function pauseDurationMs(duration: string | number): number {
  if (typeof duration === 'number') {
    if (!Number.isInteger(duration) || duration < 0) {
      throw new Error(
        `${duration} is not a whole number of seconds (or a duration such as 10m)`,
      );
    }
    return duration * 1000;
  }
  if (SECONDS.test(duration)) {
    return Number(duration) * 1000;
  }
  return parseDuration(duration);
}
