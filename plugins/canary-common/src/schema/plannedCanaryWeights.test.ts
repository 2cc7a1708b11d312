import { parseDuration } from './parseDuration';
import { plannedCanaryWeights } from './plannedCanaryWeights';

describe('plannedCanaryWeights', () => {
  it('steps by stepWeight up to maxWeight, as in the seed walkthrough', () => {
    expect(plannedCanaryWeights({ stepWeight: 20, maxWeight: 80 })).toEqual([
      20, 40, 60, 80,
    ]);
  });

  it('caps the last step at maxWeight when stepWeight does not divide it', () => {
    expect(plannedCanaryWeights({ stepWeight: 30, maxWeight: 80 })).toEqual([
      30, 60, 80,
    ]);
  });

  it('goes to 100 when maxWeight is not set', () => {
    expect(plannedCanaryWeights({ stepWeight: 25 })).toEqual([25, 50, 75, 100]);
  });

  it('takes stepWeights as written, dropping steps above maxWeight', () => {
    expect(
      plannedCanaryWeights({ stepWeights: [1, 5, 10, 50, 90], maxWeight: 50 }),
    ).toEqual([1, 5, 10, 50]);
  });

  it('plans no weights for iteration-based releases', () => {
    expect(plannedCanaryWeights({})).toEqual([]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1_500],
  ])('reads %s as %i ms', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it.each(['30', '1d', '', '1m banana'])('refuses %j', value => {
    expect(() => parseDuration(value)).toThrow(
      'is not a duration such as 30s, 1m or 1h30m',
    );
  });
});
