import { InputError } from '@backstage/errors';
import { parseHealthWindow } from './parseHealthWindow';

describe('parseHealthWindow', () => {
  it.each([
    [undefined, '5m', 300],
    ['', '5m', 300],
    ['1m', '1m', 60],
    ['90s', '90s', 90],
    ['1h', '1h', 3600],
    ['7d', '7d', 604800],
  ])('reads %p as %s (%d s)', (value, text, seconds) => {
    expect(parseHealthWindow(value)).toEqual({ text, seconds });
  });

  it.each([
    ['30s', 'below 1m'],
    ['8d', 'above 7d'],
    ['5', 'no unit'],
    ['5 m', 'a space'],
    ['1h30m', 'a compound duration'],
    ['0m', 'zero'],
    ['5m]) or vector(1', 'PromQL injection'],
    [['5m', '1h'], 'repeated'],
  ] as Array<[unknown, string]>)(
    'refuses %p (%s) with a 400 that says what is accepted',
    value => {
      expect(() => parseHealthWindow(value)).toThrow(InputError);
      expect(() => parseHealthWindow(value)).toThrow(
        `window must be a Prometheus duration between 1m and 7d, such as 5m, 90s, 1h or 1d (got ${JSON.stringify(
          value,
        )})`,
      );
    },
  );
});
