import { DEFAULT_HEALTH_THRESHOLDS } from './DEFAULT_HEALTH_THRESHOLDS';
import { judgeWorkloadHealth } from './judgeWorkloadHealth';

describe('judgeWorkloadHealth with Kiali defaults', () => {
  it.each([
    [
      'Prometheus did not answer',
      { unavailable: 'Cluster lab: no data: ECONNREFUSED' },
      'unknown',
      'Cluster lab: no data: ECONNREFUSED',
    ],
    [
      'no series',
      { errorRate5xx: 0, errorRate4xx: 0 },
      'no-traffic',
      'no requests in 5m',
    ],
    [
      'a rate of 0',
      { requestsPerSecond: 0, errorRate5xx: 0, errorRate4xx: 0 },
      'no-traffic',
      'no requests in 5m',
    ],
    [
      'no errors',
      { requestsPerSecond: 20, errorRate5xx: 0, errorRate4xx: 0 },
      'healthy',
      '5xx 0%, 4xx 0% in 5m',
    ],
    [
      'any 5xx',
      { requestsPerSecond: 20, errorRate5xx: 0.04, errorRate4xx: 0 },
      'degraded',
      '5xx 0.04% > 0%',
    ],
    [
      '5xx just under 10%',
      { requestsPerSecond: 20, errorRate5xx: 9.96, errorRate4xx: 0 },
      'degraded',
      '5xx 10% > 0%',
    ],
    [
      '5xx at 10%',
      { requestsPerSecond: 20, errorRate5xx: 10, errorRate4xx: 0 },
      'failing',
      '5xx 10% >= 10%',
    ],
    [
      '4xx under 10%',
      { requestsPerSecond: 20, errorRate5xx: 0, errorRate4xx: 9.9 },
      'healthy',
      '5xx 0%, 4xx 9.9% in 5m',
    ],
    [
      '4xx at 10%',
      { requestsPerSecond: 20, errorRate5xx: 0, errorRate4xx: 10 },
      'degraded',
      '4xx 10% >= 10%',
    ],
    [
      '4xx at 25%',
      { requestsPerSecond: 20, errorRate5xx: 0, errorRate4xx: 25 },
      'failing',
      '4xx 25% >= 20%',
    ],
    [
      '4xx failing outranks 5xx degraded',
      { requestsPerSecond: 20, errorRate5xx: 1, errorRate4xx: 20 },
      'failing',
      '4xx 20% >= 20%',
    ],
  ])('given %s, is %s', (_scenario, measurement, status, reason) => {
    expect(
      judgeWorkloadHealth(measurement, DEFAULT_HEALTH_THRESHOLDS, '5m'),
    ).toEqual({ status, reason });
  });

  it('uses configured thresholds: 5xx under 2% is tolerated', () => {
    const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, degraded5xx: 2 };
    const at = (errorRate5xx: number) =>
      judgeWorkloadHealth(
        { requestsPerSecond: 5, errorRate5xx, errorRate4xx: 0 },
        thresholds,
        '1h',
      ).status;
    expect(at(1.5)).toBe('healthy');
    expect(at(2.5)).toBe('degraded');
  });
});
