import { InputError } from '@backstage/errors';

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

/** Rates need a few scrapes; a window over a week makes Prometheus read too much for a card. */
const MIN_SECONDS = 60;
const MAX_SECONDS = 7 * 86400;

/** The health window a caller asked for, checked. */
export interface HealthWindow {
  /** As Prometheus reads it, e.g. `5m`. */
  text: string;
  seconds: number;
}

/**
 * Reads `?window=` of the health route: one Prometheus duration (`30s`, `5m`, `1h`, `1d`)
 * between 1m and 7d, `5m` when absent. Anything else is a 400 that says what is accepted, so no
 * query text from the caller ever reaches PromQL.
 */
export function parseHealthWindow(value: unknown): HealthWindow {
  if (value === undefined || value === '') {
    return { text: '5m', seconds: 300 };
  }
  const match =
    typeof value === 'string'
      ? /^([1-9][0-9]{0,5})([smhd])$/.exec(value)
      : null;
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]] : NaN;
  if (!match || seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new InputError(
      `window must be a Prometheus duration between 1m and 7d, such as 5m, 90s, 1h or 1d (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return { text: value as string, seconds };
}
