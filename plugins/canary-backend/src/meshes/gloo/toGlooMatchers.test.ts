import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { toGlooMatchers } from './toGlooMatchers';

describe('toGlooMatchers', () => {
  it("given Flagger's header and cookie conditions, makes one matcher per condition", () => {
    expect(
      toGlooMatchers(
        [
          { headers: { 'x-canary': { exact: 'insider' } } },
          { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
        ],
        'analysis.match',
      ),
    ).toEqual([
      { headers: [{ name: 'x-canary', value: 'insider' }] },
      {
        headers: [
          {
            name: 'cookie',
            value: '^(.*?;)?(canary=always)(;.*)?$',
            regex: true,
          },
        ],
      },
    ]);
  });

  it('writes a prefix as its regex, a method exactly and query parameters, names sorted', () => {
    expect(
      toGlooMatchers(
        [
          {
            method: { exact: 'GET' },
            headers: {
              'x-user': { prefix: 'beta.' },
              'user-agent': { regex: '.*Firefox.*' },
            },
            queryParams: { canary: { exact: 'yes' } },
          },
        ],
        'analysis.match',
      ),
    ).toEqual([
      {
        methods: ['GET'],
        headers: [
          { name: 'user-agent', value: '.*Firefox.*', regex: true },
          { name: 'x-user', value: 'beta\\..*', regex: true },
        ],
        queryParameters: [{ name: 'canary', value: 'yes' }],
      },
    ]);
  });

  it.each<[Record<string, unknown>, string, string]>([
    [
      { uri: { prefix: '/api' } },
      'analysis.match[0].uri',
      'analysis.match[0].uri is not supported by provider gloo: a path match',
    ],
    [
      { method: { regex: 'GET|HEAD' } },
      'analysis.match[0].method',
      'analysis.match[0].method is not supported by provider gloo: a method match other than exact',
    ],
    [
      { sourceLabels: { app: 'frontend' } },
      'analysis.match[0].sourceLabels',
      'analysis.match[0].sourceLabels is not supported by provider gloo: a match on sourceLabels',
    ],
    [
      { headers: { 'x-canary': { suffix: 'er' } } },
      'analysis.match[0].headers.x-canary',
      'analysis.match[0].headers.x-canary is not supported by provider gloo: a suffix match',
    ],
  ])('refuses %j naming the field', (match, field, start) => {
    let error: unknown;
    try {
      toGlooMatchers([match], 'analysis.match');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedRoutingError);
    expect((error as UnsupportedRoutingError).field).toBe(field);
    expect((error as Error).message).toBe(
      `${start}; Gloo's RouteTable routes match headers and query parameters exactly or by regex and methods exactly, and take their path from the VirtualService that delegates to them (match the path there)`,
    );
  });
});
