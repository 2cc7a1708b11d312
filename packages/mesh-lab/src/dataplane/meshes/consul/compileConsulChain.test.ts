import { resolveEastWest } from '../../resolveEastWest';
import { routingObjectsOf } from '../../routingObjectsOf';
import { compileConsulChain } from './compileConsulChain';
import type { ConsulConfigEntries } from './ConsulConfigEntries';

const meta = (name: string, namespace = 'test') => ({ metadata: { name, namespace } });
const http = (...names: string[]) => names.map(name => ({ ...meta(name), spec: { protocol: 'http' } }));
const splitter = (splits: object[], name = 'podinfo') => ({ ...meta(name), spec: { splits } });
const entries = (e: Partial<ConsulConfigEntries>): ConsulConfigEntries => ({
  serviceRouters: [],
  serviceSplitters: [],
  serviceResolvers: [],
  serviceDefaults: [],
  proxyDefaults: [],
  ...e,
});
const VANE_SPLIT = splitter([
  { weight: 80, service: 'podinfo-primary' },
  { weight: 20, service: 'podinfo-canary' },
]);
const backend = (service: string, weight: number) => ({ service, namespace: 'test', weight });

describe('compileConsulChain', () => {
  it('splits the apex between the services of its ServiceSplitter, as Vane writes it', () => {
    expect(
      compileConsulChain('podinfo', 'test', entries({ serviceSplitters: [VANE_SPLIT], serviceDefaults: http('podinfo', 'podinfo-primary', 'podinfo-canary') })),
    ).toEqual({
      source: { kind: 'ServiceSplitter', namespace: 'test', name: 'podinfo' },
      rules: [{ matches: [], backends: [backend('podinfo-primary', 80), backend('podinfo-canary', 20)] }],
    });
  });

  it('routes A/B matches through the splitter, a catch-all to the primary, and header routes to the canary, first match first', () => {
    const router = {
      ...meta('podinfo'),
      spec: {
        routes: [
          { match: { http: { header: [{ name: 'X-Canary', exact: 'insider' }] } }, destination: { service: 'podinfo-canary' } },
          { match: { http: { header: [{ name: 'cookie', regex: '.*canary=always.*' }], pathPrefix: '/api', methods: ['GET', 'HEAD'] } }, destination: { service: 'podinfo' } },
          { destination: { service: 'podinfo-primary' } },
        ],
      },
    };
    const table = compileConsulChain(
      'podinfo',
      'test',
      entries({ serviceRouters: [router], serviceSplitters: [VANE_SPLIT], serviceDefaults: http('podinfo', 'podinfo-primary', 'podinfo-canary') }),
    );
    expect(table?.source).toEqual({ kind: 'ServiceRouter', namespace: 'test', name: 'podinfo' });
    expect(table?.rules).toEqual([
      { matches: [{ headers: [{ name: 'x-canary', match: { exact: 'insider' } }] }], backends: [backend('podinfo-canary', 100)] },
      {
        matches: ['GET', 'HEAD'].map(method => ({
          headers: [{ name: 'cookie', match: { regex: /^(?:.*canary=always.*)$/ } }],
          path: { prefix: '/api' },
          method,
        })),
        backends: [backend('podinfo-primary', 80), backend('podinfo-canary', 20)],
      },
      { matches: [], backends: [backend('podinfo-primary', 100)] },
      // Consul's own catch-all after the routes: the apex's splitter.
      { matches: [], backends: [backend('podinfo-primary', 80), backend('podinfo-canary', 20)] },
    ]);
  });

  it('sets the response headers of splits and route destinations (session affinity cookies)', () => {
    const cookie = (value: string) => ({ add: { 'Set-Cookie': value } });
    const table = compileConsulChain(
      'podinfo',
      'test',
      entries({
        serviceRouters: [{ ...meta('podinfo'), spec: { routes: [{ match: { http: { header: [{ name: 'cookie', present: true }] } }, destination: { responseHeaders: cookie('old=1; Max-Age=-1') } }] } }],
        serviceSplitters: [splitter([{ weight: 100, service: 'podinfo-primary' }, { weight: 0, service: 'podinfo-canary', responseHeaders: cookie('c=1; Max-Age=60') }])],
        serviceDefaults: http('podinfo', 'podinfo-primary', 'podinfo-canary'),
      }),
    );
    const canary = { ...backend('podinfo-canary', 0), responseHeaders: { set: [], add: [['set-cookie', 'c=1; Max-Age=60']], remove: [] } };
    expect(table?.rules).toEqual([
      {
        matches: [{ headers: [{ name: 'cookie', match: { regex: /^[\s\S]*$/ } }] }],
        backends: [backend('podinfo-primary', 100), canary],
        responseHeaders: { set: [], add: [['set-cookie', 'old=1; Max-Age=-1']], remove: [] },
      },
      { matches: [], backends: [backend('podinfo-primary', 100), canary] },
    ]);
  });

  it("flattens a split to a service with its own splitter, and follows a resolver's redirect", () => {
    const table = compileConsulChain(
      'web',
      'test',
      entries({
        serviceSplitters: [
          splitter([{ weight: 50, service: 'web-v1' }, { weight: 50, service: 'web-next' }], 'web'),
          splitter([{ weight: 40, service: 'web-v2' }, { weight: 60, service: 'web-v3' }, { weight: 0, service: 'web' }], 'web-next'),
        ],
        serviceResolvers: [{ ...meta('web-v3'), spec: { redirect: { service: 'web-v4' } } }],
        proxyDefaults: [{ ...meta('global', 'consul'), spec: { config: { protocol: 'http' } } }],
      }),
    );
    expect(table?.rules).toEqual([
      { matches: [], backends: [backend('web-v1', 50), backend('web-v2', 20), backend('web-v4', 30), backend('web', 0)] },
    ]);
  });

  it("ignores the router and splitter of a tcp service, and of a chain whose services' protocols differ, as Consul refuses them", () => {
    const tcp = compileConsulChain('podinfo', 'test', entries({ serviceSplitters: [VANE_SPLIT] }));
    expect(tcp).toBeUndefined();
    const mixed = compileConsulChain(
      'podinfo',
      'test',
      entries({
        serviceSplitters: [VANE_SPLIT],
        serviceDefaults: http('podinfo', 'podinfo-primary'),
        serviceResolvers: [{ ...meta('podinfo'), spec: { redirect: { service: 'podinfo-primary' } } }],
      }),
    );
    expect(mixed).toEqual({
      source: { kind: 'ServiceResolver', namespace: 'test', name: 'podinfo' },
      rules: [{ matches: [], backends: [backend('podinfo-primary', 100)] }],
    });
  });

  it('never matches a route on query parameters or an inverted header, which the lab does not evaluate', () => {
    const table = compileConsulChain(
      'podinfo',
      'test',
      entries({
        serviceRouters: [
          {
            ...meta('podinfo'),
            spec: {
              routes: [
                { match: { http: { queryParam: [{ name: 'beta', exact: 'on' }] } }, destination: { service: 'podinfo-canary' } },
                { match: { http: { header: [{ name: 'x-a', exact: 'b', invert: true }] } }, destination: { service: 'podinfo-canary' } },
              ],
            },
          },
        ],
        serviceDefaults: http('podinfo', 'podinfo-canary'),
      }),
    );
    expect(table?.rules).toEqual([{ matches: [], backends: [backend('podinfo', 100)] }]);
  });

  it('names no route when no config entry names the service, and only applies those of its namespace', () => {
    expect(compileConsulChain('podinfo', 'test', entries({ serviceDefaults: http('podinfo') }))).toBeUndefined();
    expect(compileConsulChain('podinfo', 'prod', entries({ serviceSplitters: [VANE_SPLIT], serviceDefaults: http('podinfo') }))).toBeUndefined();
  });

  it('is what resolveEastWest takes for the apex, after a TrafficSplit and before the Service', () => {
    const objects = routingObjectsOf({
      services: [{ metadata: { name: 'podinfo', namespace: 'test' }, spec: { selector: { app: 'podinfo-primary' } } }],
      consul: { serviceSplitters: [VANE_SPLIT], serviceDefaults: http('podinfo', 'podinfo-primary', 'podinfo-canary') },
    });
    expect(resolveEastWest('podinfo', 'test', objects)?.source.kind).toBe('ServiceSplitter');
    expect(resolveEastWest('podinfo.test.svc.cluster.local', 'other', objects)?.rules[0].backends).toEqual([
      backend('podinfo-primary', 80),
      backend('podinfo-canary', 20),
    ]);
  });
});
