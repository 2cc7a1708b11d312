import { parseDuration, parseHeyCommand } from './parseHeyCommand';

describe('parseHeyCommand', () => {
  it("reads Flagger's load test command as q × c requests per second for z", () => {
    const hey = parseHeyCommand('hey -z 1m -q 10 -c 2 http://podinfo.test:9898/');
    expect(hey.rps).toBe(20);
    expect(hey.durationMs).toBe(60_000);
    expect(hey.host).toBe('podinfo.test');
    expect(hey.url.pathname).toBe('/');
    expect(hey.method).toBe('GET');
    expect(hey.headers).toEqual({});
  });

  it('honours repeated -H headers (quoted), -m and -host', () => {
    const hey = parseHeyCommand(
      `hey -z 30s -q 5 -c 4 -m POST -H 'X-Canary: insider' -H "Cookie: canary=always" -host app.example.com http://gateway.istio-system/api`,
    );
    expect(hey.rps).toBe(20);
    expect(hey.headers).toEqual({ 'x-canary': 'insider', cookie: 'canary=always' });
    expect(hey.method).toBe('POST');
    expect(hey.host).toBe('app.example.com');
    expect(hey.url.pathname).toBe('/api');
  });

  it('turns -n into a duration at the requested rate and caps unthrottled runs', () => {
    expect(parseHeyCommand('hey -n 100 -q 10 -c 1 http://a.b/').durationMs).toBe(10_000);
    expect(parseHeyCommand('hey -z 10s http://a.b/').rps).toBe(200);
  });

  it('says what is wrong with a bad command', () => {
    expect(() => parseHeyCommand('curl http://a.b/')).toThrow('Not a hey command');
    expect(() => parseHeyCommand('hey -z 1m')).toThrow('no URL');
    expect(() => parseHeyCommand('hey -H nocolon http://a.b/')).toThrow('"Name: value"');
  });
});

describe('parseDuration', () => {
  it("reads Go's durations", () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(() => parseDuration('5 minutes')).toThrow('Not a duration');
  });
});
