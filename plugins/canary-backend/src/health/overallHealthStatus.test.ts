import { overallHealthStatus } from './overallHealthStatus';

describe('overallHealthStatus', () => {
  it.each([
    [['healthy', 'degraded', 'no-traffic'], false, 'degraded'],
    [['healthy', 'failing', 'degraded'], false, 'failing'],
    [['healthy', 'no-traffic'], false, 'healthy'],
    [['no-traffic', 'no-traffic'], false, 'no-traffic'],
    [['healthy', 'unknown'], false, 'unknown'],
    [['healthy'], true, 'unknown'],
    [['degraded'], true, 'degraded'],
    [[], false, 'no-traffic'],
    [[], true, 'unknown'],
  ] as const)(
    'of %p (something unmeasured: %p) is %s',
    (statuses, unmeasured, expected) => {
      expect(overallHealthStatus(statuses, unmeasured)).toBe(expected);
    },
  );
});
