import { matchRequest } from './matchRequest';
import { parseHttpRoute } from './parseHttpRoute';

describe('parseHttpRoute', () => {
  it('reads weighted backendRefs and header matches, rules in order', () => {
    const table = parseHttpRoute({
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        parentRefs: [{ name: 'podinfo', kind: 'Service', group: 'core', port: 9898 }],
        rules: [
          {
            matches: [{ headers: [{ type: 'Exact', name: 'X-Canary', value: 'insider' }] }],
            backendRefs: [{ name: 'podinfo-canary', port: 9898 }],
          },
          {
            backendRefs: [
              { name: 'podinfo-primary', port: 9898, weight: 80 },
              { name: 'podinfo-canary', port: 9898, weight: 20 },
            ],
          },
        ],
      },
    });
    expect(table.source.kind).toBe('HTTPRoute');
    const [ab, weighted] = table.rules;
    expect(matchRequest(ab.matches, { method: 'GET', path: '/', headers: { 'x-canary': 'insider' } })).toBe(true);
    expect(matchRequest(ab.matches, { method: 'GET', path: '/', headers: {} })).toBe(false);
    expect(ab.backends).toEqual([{ service: 'podinfo-canary', namespace: 'test', port: 9898, weight: 1 }]);
    expect(weighted.matches).toEqual([]);
    expect(weighted.backends.map(b => [b.service, b.weight])).toEqual([
      ['podinfo-primary', 80],
      ['podinfo-canary', 20],
    ]);
  });

  it('matches PathPrefix by whole path elements and reads a RequestMirror filter', () => {
    const table = parseHttpRoute({
      metadata: { name: 'r', namespace: 'test' },
      spec: {
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
            backendRefs: [{ name: 'api' }],
            filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'api-canary', port: 80 }, percent: 10 } }],
          },
        ],
      },
    });
    const rule = table.rules[0];
    const req = (path: string) => ({ method: 'GET', path, headers: {} });
    expect(matchRequest(rule.matches, req('/api'))).toBe(true);
    expect(matchRequest(rule.matches, req('/api/users?x=1'))).toBe(true);
    expect(matchRequest(rule.matches, req('/apix'))).toBe(false);
    expect(rule.mirror).toEqual({ percent: 10, backend: { service: 'api-canary', namespace: 'test', port: 80, weight: 100 } });
  });

  it('reads ResponseHeaderModifier filters on rules and on backendRefs, names lower-case', () => {
    const table = parseHttpRoute({
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        rules: [
          {
            backendRefs: [
              { name: 'podinfo-primary', weight: 80 },
              {
                name: 'podinfo-canary',
                weight: 20,
                filters: [
                  {
                    type: 'ResponseHeaderModifier',
                    responseHeaderModifier: { add: [{ name: 'Set-Cookie', value: 'flagger-cookie=LpsIaLdoNZ; Max-Age=86400' }] },
                  },
                ],
              },
            ],
            filters: [
              { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'X-Route', value: 'weighted' }], remove: ['Server'] } },
            ],
          },
        ],
      },
    });
    const [rule] = table.rules;
    expect(rule.responseHeaders).toEqual({ set: [['x-route', 'weighted']], add: [], remove: ['server'] });
    expect(rule.backends.map(b => b.responseHeaders)).toEqual([
      undefined,
      { set: [], add: [['set-cookie', 'flagger-cookie=LpsIaLdoNZ; Max-Age=86400']], remove: [] },
    ]);
  });

  it('ignores backendRefs that are not Services', () => {
    const table = parseHttpRoute({
      metadata: { name: 'r', namespace: 'test' },
      spec: { rules: [{ backendRefs: [{ name: 'bucket', kind: 'Bucket', group: 'storage.example.com' }, { name: 'web' }] }] },
    });
    expect(table.rules[0].backends.map(b => b.service)).toEqual(['web']);
  });
});
