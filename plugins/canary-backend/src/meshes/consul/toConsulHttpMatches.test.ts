import { toConsulHttpMatches } from './toConsulHttpMatches';

describe('toConsulHttpMatches', () => {
  it('translates headers, query parameters, the path and the method, names sorted', () => {
    expect(
      toConsulHttpMatches(
        [
          {
            headers: {
              'x-b': { prefix: 'web' },
              'x-a': { exact: 'insider' },
              cookie: { regex: '.*canary=always.*' },
            },
            queryParams: { v: { exact: '2' }, beta: { regex: 'on|yes' } },
            uri: { prefix: '/api' },
            method: { exact: 'GET' },
          },
          { uri: { exact: '/healthz' } },
          { uri: { regex: '/v[0-9]+/.*' } },
        ],
        'analysis.match',
      ),
    ).toEqual([
      {
        header: [
          { name: 'cookie', regex: '.*canary=always.*' },
          { name: 'x-a', exact: 'insider' },
          { name: 'x-b', prefix: 'web' },
        ],
        queryParam: [
          { name: 'beta', regex: 'on|yes' },
          { name: 'v', exact: '2' },
        ],
        pathPrefix: '/api',
        methods: ['GET'],
      },
      { pathExact: '/healthz' },
      { pathRegex: '/v[0-9]+/.*' },
    ]);
  });

  it.each<[Record<string, unknown>, string]>([
    [
      { queryParams: { v: { prefix: '2' } } },
      'analysis.match[0].queryParams.v is not supported by provider consul: a ServiceRouter cannot match a query parameter by prefix',
    ],
    [
      { method: { regex: 'GET|HEAD' } },
      'analysis.match[0].method is not supported by provider consul: a ServiceRouter matches methods exactly, write it with exact',
    ],
    [
      { sourceLabels: { app: 'web' } },
      'analysis.match[0].sourceLabels is not supported by provider consul: a ServiceRouter cannot match on sourceLabels',
    ],
    [
      { headers: { 'x-a': {} } },
      'analysis.match[0].headers.x-a is not supported by provider consul: a ServiceRouter cannot match a header by nothing',
    ],
  ])('refuses %j, naming the field', (match, message) => {
    expect(() => toConsulHttpMatches([match], 'analysis.match')).toThrow(
      `${message}; a ServiceRouter matches headers exactly, by prefix or by regex, query parameters exactly or by regex, the path exactly, by prefix or by regex, and methods exactly`,
    );
  });
});
