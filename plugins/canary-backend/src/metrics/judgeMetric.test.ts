import { judgeMetric } from './judgeMetric';

describe('judgeMetric', () => {
  it('given a success rate of 91.8% against a minimum of 99%, fails and says so in percent', () => {
    expect(judgeMetric('request-success-rate', 91.8, { min: 99 })).toEqual({
      passed: false,
      reason: 'request-success-rate 91.8% < 99%',
    });
  });

  it('given a p99 of 612 ms against a maximum of 500 ms, fails and says so in ms', () => {
    expect(judgeMetric('request-duration', 612.4, { max: 500 })).toEqual({
      passed: false,
      reason: 'request-duration 612.4ms > 500ms',
    });
  });

  it('given a success rate of 98.996%, shows enough decimals not to read as 99%', () => {
    expect(judgeMetric('request-success-rate', 98.996, { min: 99 })).toEqual({
      passed: false,
      reason: 'request-success-rate 98.996% < 99%',
    });
  });

  it('given values within the range, passes, bounds inclusive as in Flagger', () => {
    expect(judgeMetric('request-success-rate', 99, { min: 99 })).toEqual({
      passed: true,
      reason: 'request-success-rate 99% >= 99%',
    });
    expect(judgeMetric('error-budget', 3.14159, { min: 1, max: 5 })).toEqual({
      passed: true,
      reason: 'error-budget 3.14 >= 1 and <= 5',
    });
  });

  it('given a custom metric above its maximum, uses a plain number', () => {
    expect(judgeMetric('error-rate', 7, { max: 5 })).toEqual({
      passed: false,
      reason: 'error-rate 7 > 5',
    });
  });

  it('given no data, fails with the reason whatever the threshold', () => {
    const noTraffic = {
      noData: true as const,
      reason: 'no data: the query returned no series; is there traffic?',
    };
    expect(judgeMetric('request-success-rate', noTraffic, { min: 99 })).toEqual(
      {
        passed: false,
        reason:
          'request-success-rate: no data: the query returned no series; is there traffic?',
      },
    );
    expect(judgeMetric('cpu', noTraffic, undefined).passed).toBe(false);
  });

  it('given no thresholdRange, passes and says the metric is only measured', () => {
    expect(judgeMetric('cpu', 0.25, undefined)).toEqual({
      passed: true,
      reason: 'cpu 0.25 (no thresholdRange: measured only)',
    });
  });
});
