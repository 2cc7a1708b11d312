import { parseTrafficRoute } from './parseTrafficRoute';

const REQUESTED = { service: 'podinfo', namespace: 'test', port: 9898 };

describe('parseTrafficRoute', () => {
  it('takes the http sections in order (A/B by header, a header route), then the default split', () => {
    const table = parseTrafficRoute(
      {
        metadata: { name: 'podinfo.test' },
        spec: {
          conf: {
            http: [
              { match: { headers: { 'X-Canary': { exact: 'insider' }, cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } }, destination: { 'kuma.io/service': 'podinfo-canary_test_svc_9898' } },
              {
                match: { method: { exact: 'GET' }, path: { prefix: '/api' } },
                split: [
                  { weight: 0, destination: { 'kuma.io/service': 'podinfo-primary_test_svc_9898' } },
                  { weight: 100, destination: { 'kuma.io/service': 'podinfo-canary_test_svc_9898', version: 'v2' } },
                ],
              },
            ],
            split: [{ weight: 100, destination: { 'kuma.io/service': 'podinfo-primary_test_svc_9898' } }],
          },
        },
      },
      REQUESTED,
    );
    expect(table).toEqual({
      source: { kind: 'TrafficRoute', namespace: '', name: 'podinfo.test' },
      rules: [
        {
          matches: [{ headers: [{ name: 'x-canary', match: { exact: 'insider' } }, { name: 'cookie', match: { regex: /^(?:^(.*?;)?(canary=always)(;.*)?$)$/ } }] }],
          backends: [{ service: 'podinfo-canary', namespace: 'test', port: 9898, weight: 1 }],
        },
        {
          matches: [{ method: 'GET', path: { prefix: '/api' } }],
          backends: [
            { service: 'podinfo-primary', namespace: 'test', port: 9898, weight: 0 },
            { service: 'podinfo-canary', namespace: 'test', port: 9898, weight: 100, subset: 'podinfo-canary_test_svc_9898', subsetLabels: { version: 'v2' } },
          ],
        },
        { matches: [], backends: [{ service: 'podinfo-primary', namespace: 'test', port: 9898, weight: 100 }] },
      ],
    });
  });

  it('leaves out a section the lab cannot evaluate (a method by prefix), and destinations that name no Service', () => {
    const table = parseTrafficRoute(
      {
        spec: {
          conf: {
            http: [{ match: { method: { prefix: 'G' } }, destination: { 'kuma.io/service': 'podinfo-canary_test_svc_9898' } }],
            destination: { 'kuma.io/service': 'httpbin.org' },
          },
        },
      },
      REQUESTED,
    );
    expect(table.rules).toEqual([{ matches: [], backends: [] }]);
  });
});
