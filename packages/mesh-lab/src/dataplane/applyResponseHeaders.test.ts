import { applyResponseHeaders } from './applyResponseHeaders';

describe('applyResponseHeaders', () => {
  it("applies the destination's operations, then the route's: a second Set-Cookie is added beside the first", () => {
    expect(
      applyResponseHeaders(
        [['content-type', 'application/json']],
        [
          { add: [['set-cookie', 'flagger-cookie=LpsIaLdoNZ; Max-Age=21600']] },
          { add: [['set-cookie', 'session=b2']] },
        ],
      ),
    ).toEqual([
      ['content-type', 'application/json'],
      ['set-cookie', 'flagger-cookie=LpsIaLdoNZ; Max-Age=21600'],
      ['set-cookie', 'session=b2'],
    ]);
  });

  it('removes, then sets (replacing every value of the name), then adds; nothing to apply changes nothing', () => {
    expect(
      applyResponseHeaders(
        [
          ['x-version', '6.0.0'],
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
          ['server', 'podinfo'],
        ],
        [
          undefined,
          {
            remove: ['server'],
            set: [['set-cookie', 'c=3']],
            add: [['x-route', 'canary']],
          },
        ],
      ),
    ).toEqual([
      ['x-version', '6.0.0'],
      ['set-cookie', 'c=3'],
      ['x-route', 'canary'],
    ]);
  });
});
