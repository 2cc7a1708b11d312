import { DateTime } from 'luxon';
import { formatTimeInPhase } from './formatTimeInPhase';

describe('formatTimeInPhase', () => {
  const now = DateTime.fromISO('2026-01-01T12:00:00Z');

  it.each([
    ['2026-01-01T12:00:00Z', '0s'],
    ['2026-01-01T11:59:48Z', '12s'],
    ['2026-01-01T11:56:48Z', '3m 12s'],
    ['2026-01-01T09:55:00Z', '2h 5m'],
    ['2026-01-01T09:59:50Z', '2h'],
    ['2025-12-28T11:00:00Z', '4d 1h'],
  ])('since %s reads %s', (since, expected) => {
    expect(formatTimeInPhase(since, now)).toBe(expected);
  });

  it('does not count backwards when the cluster clock is ahead', () => {
    expect(formatTimeInPhase('2026-01-01T12:00:05Z', now)).toBe('0s');
  });

  it('says so when the time cannot be read', () => {
    expect(formatTimeInPhase('yesterday', now)).toBe('unknown');
  });
});
