import { chooseStepSeconds } from './chooseStepSeconds';

describe('chooseStepSeconds', () => {
  it.each([
    [3600, 200, 18],
    [600, 200, 3],
    [100, 200, 1],
    [0, 200, 1],
    [86400, 60, 1440],
    [601, 200, 4],
  ])(
    'gives %d s in at most %d points a step of %d s',
    (range, points, step) => {
      expect(chooseStepSeconds(range, points)).toBe(step);
      expect(Math.floor(range / step)).toBeLessThanOrEqual(points);
    },
  );

  it('never goes below the minimum', () => {
    expect(chooseStepSeconds(60, 200, 15)).toBe(15);
  });
});
