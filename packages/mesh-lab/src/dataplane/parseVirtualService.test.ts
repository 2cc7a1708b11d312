import { matchRequest } from './matchRequest';
import { parseVirtualService } from './parseVirtualService';

describe('parseVirtualService', () => {
  it('reads the weighted primary/canary route Flagger writes', () => {
    const table = parseVirtualService({
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        hosts: ['podinfo'],
        http: [
          {
            route: [
              { destination: { host: 'podinfo-primary' }, weight: 80 },
              { destination: { host: 'podinfo-canary.test.svc.cluster.local', port: { number: 9898 } }, weight: 20 },
            ],
          },
        ],
      },
    });
    expect(table.source).toEqual({ kind: 'VirtualService', namespace: 'test', name: 'podinfo' });
    expect(table.rules).toHaveLength(1);
    expect(table.rules[0].matches).toEqual([]);
    expect(table.rules[0].backends).toEqual([
      { service: 'podinfo-primary', namespace: 'test', port: undefined, subset: undefined, subsetLabels: undefined, weight: 80 },
      { service: 'podinfo-canary', namespace: 'test', port: 9898, subset: undefined, subsetLabels: undefined, weight: 20 },
    ]);
  });

  it("reads the response headers of Flagger's session affinity routes: per destination and per route, names lower-case", () => {
    const table = parseVirtualService({
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        hosts: ['podinfo'],
        http: [
          {
            match: [{ headers: { cookie: { regex: '.*flagger-cookie.*LpsIaLdoNZ.*' } } }],
            headers: { response: { add: { 'Set-Cookie': 'flagger-cookie=LpsIaLdoNZ; Max-Age=-1' } } },
            route: [{ destination: { host: 'podinfo-primary' }, weight: 100 }],
          },
          {
            route: [
              { destination: { host: 'podinfo-primary' }, weight: 80 },
              {
                destination: { host: 'podinfo-canary' },
                weight: 20,
                headers: { response: { set: { 'X-Version': 'canary' }, remove: ['Server'] } },
              },
            ],
          },
        ],
      },
    });
    const [expiring, weighted] = table.rules;
    expect(expiring.responseHeaders).toEqual({
      set: [],
      add: [['set-cookie', 'flagger-cookie=LpsIaLdoNZ; Max-Age=-1']],
      remove: [],
    });
    expect(weighted.responseHeaders).toBeUndefined();
    expect(weighted.backends.map(b => b.responseHeaders)).toEqual([
      undefined,
      { set: [['x-version', 'canary']], add: [], remove: ['server'] },
    ]);
  });

  it('gives a lone unweighted destination all the traffic', () => {
    const table = parseVirtualService({
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { hosts: ['podinfo'], http: [{ route: [{ destination: { host: 'podinfo-primary' } }] }] },
    });
    expect(table.rules[0].backends[0].weight).toBe(100);
  });

  it("gives a lone destination all the traffic whatever its weight, as Istio does with Flagger's A/B default route (primary at weight 0)", () => {
    const table = parseVirtualService({
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { hosts: ['podinfo'], http: [{ route: [{ destination: { host: 'podinfo-primary' }, weight: 0 }] }] },
    });
    expect(table.rules[0].backends[0].weight).toBe(100);
  });

  it('reads an A/B header and cookie match rule before the default route', () => {
    const table = parseVirtualService({
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        hosts: ['podinfo'],
        http: [
          {
            match: [
              { headers: { 'X-Canary': { exact: 'insider' } } },
              { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
            ],
            route: [{ destination: { host: 'podinfo-canary' } }],
          },
          { route: [{ destination: { host: 'podinfo-primary' } }] },
        ],
      },
    });
    const [ab, rest] = table.rules;
    const req = (headers: Record<string, string>) => ({ method: 'GET', path: '/', headers });
    expect(matchRequest(ab.matches, req({ 'x-canary': 'insider' }))).toBe(true);
    expect(matchRequest(ab.matches, req({ cookie: 'canary=always; a=b' }))).toBe(true);
    expect(matchRequest(ab.matches, req({ cookie: 'canary=never' }))).toBe(false);
    expect(matchRequest(ab.matches, req({}))).toBe(false);
    expect(matchRequest(rest.matches, req({}))).toBe(true);
    expect(ab.backends.map(b => b.service)).toEqual(['podinfo-canary']);
  });

  it('reads mirror with mirrorPercentage and resolves subsets through the DestinationRule', () => {
    const table = parseVirtualService(
      {
        metadata: { name: 'podinfo', namespace: 'test' },
        spec: {
          hosts: ['podinfo'],
          http: [
            {
              route: [{ destination: { host: 'podinfo', subset: 'primary' }, weight: 100 }],
              mirror: { host: 'podinfo', subset: 'canary' },
              mirrorPercentage: { value: 25 },
            },
          ],
        },
      },
      [
        {
          metadata: { name: 'podinfo', namespace: 'test' },
          spec: {
            host: 'podinfo.test.svc.cluster.local',
            subsets: [
              { name: 'primary', labels: { app: 'podinfo-primary' } },
              { name: 'canary', labels: { app: 'podinfo' } },
            ],
          },
        },
      ],
    );
    const rule = table.rules[0];
    expect(rule.backends[0].subsetLabels).toEqual({ app: 'podinfo-primary' });
    expect(rule.mirror).toEqual({
      percent: 25,
      backend: expect.objectContaining({ service: 'podinfo', subset: 'canary', subsetLabels: { app: 'podinfo' } }),
    });
  });
});
