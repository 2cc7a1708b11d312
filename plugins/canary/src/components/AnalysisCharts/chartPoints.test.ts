import { chartPoints } from './chartPoints';

describe('chartPoints', () => {
  it('joins the canary and primary series on their sample times, oldest first', () => {
    expect(
      chartPoints({
        name: 'request-success-rate',
        canary: [
          [120, 97],
          [60, 99.5],
        ],
        primary: [
          [60, 100],
          [180, 99.9],
        ],
        failed: [120],
      }),
    ).toEqual([
      { t: 60_000, canary: 99.5, primary: 100 },
      { t: 120_000, canary: 97 },
      { t: 180_000, primary: 99.9 },
    ]);
  });
});
