import { pickWeighted } from './pickWeighted';

describe('pickWeighted', () => {
  it('given 80/20 weights, picks by the random point along the cumulative weights', () => {
    const items = [
      { name: 'primary', weight: 80 },
      { name: 'canary', weight: 20 },
    ];
    expect(pickWeighted(items, () => 0)?.name).toBe('primary');
    expect(pickWeighted(items, () => 0.79)?.name).toBe('primary');
    expect(pickWeighted(items, () => 0.8)?.name).toBe('canary');
    expect(pickWeighted(items, () => 0.999999)?.name).toBe('canary');
  });

  it('never picks a zero-weight backend and returns nothing when every weight is zero', () => {
    const items = [
      { name: 'primary', weight: 0 },
      { name: 'canary', weight: 100 },
    ];
    expect(pickWeighted(items, () => 0)?.name).toBe('canary');
    expect(pickWeighted([{ weight: 0 }, { weight: 0 }])).toBeUndefined();
    expect(pickWeighted([])).toBeUndefined();
  });

  it('over many picks with Math.random, the shares follow the weights', () => {
    const items = [
      { name: 'primary', weight: 90 },
      { name: 'canary', weight: 10 },
    ];
    let canary = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) if (pickWeighted(items)!.name === 'canary') canary++;
    expect(canary / n).toBeGreaterThan(0.095);
    expect(canary / n).toBeLessThan(0.105);
  });
});
