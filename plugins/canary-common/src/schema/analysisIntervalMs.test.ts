import { analysisIntervalMs } from './analysisIntervalMs';

describe('analysisIntervalMs', () => {
  it.each<[string, unknown, number]>([
    ["the seed walkthrough's 30s", { analysis: { interval: '30s' } }, 30_000],
    [
      "a v1alpha3 Canary's canaryAnalysis",
      { canaryAnalysis: { interval: '1m' } },
      60_000,
    ],
    [
      'analysis before canaryAnalysis',
      { analysis: { interval: '5s' }, canaryAnalysis: { interval: '1m' } },
      5_000,
    ],
    [
      '0s, which the validator refuses: 1s, never a tick without pause',
      { analysis: { interval: '0s' } },
      1_000,
    ],
    [
      '30 days: 24h, within what a Node timer can wait',
      { analysis: { interval: '720h' } },
      86_400_000,
    ],
    ["no interval: Flagger's 1m", { analysis: {} }, 60_000],
    [
      "an unreadable one: Flagger's 1m",
      { analysis: { interval: 'soon' } },
      60_000,
    ],
    ['no spec at all', undefined, 60_000],
  ])('given %s, waits %i ms', (_, spec, ms) => {
    expect(analysisIntervalMs(spec)).toBe(ms);
  });
});
