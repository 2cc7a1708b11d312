import { DateTime } from 'luxon';

/**
 * How long a rollout has been in its phase, in the two largest units (`3m 12s`, `2h 5m`,
 * `4d 1h`): precise enough to see it tick, short enough for a card.
 */
export function formatTimeInPhase(since: string, now: DateTime): string {
  const start = DateTime.fromISO(since);
  if (!start.isValid) return 'unknown';
  const seconds = Math.max(0, Math.floor(now.diff(start).as('seconds')));
  const units: Array<[string, number]> = [
    ['d', Math.floor(seconds / 86400)],
    ['h', Math.floor(seconds / 3600) % 24],
    ['m', Math.floor(seconds / 60) % 60],
    ['s', seconds % 60],
  ];
  const first = units.findIndex(([, value]) => value > 0);
  if (first < 0) return '0s';
  return units
    .slice(first, first + 2)
    .filter(([, value]) => value > 0)
    .map(([unit, value]) => `${value}${unit}`)
    .join(' ');
}
