import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { PODINFO_OWNER, podinfoCanary } from '../testing/podinfoCanary';
import { buildHttpRoute } from './buildHttpRoute';

const backend = (name: string, weight: number) => ({
  group: '',
  kind: 'Service',
  name,
  port: 9898,
  weight,
});

describe('buildHttpRoute', () => {
  it('given a canary behind a Gateway at weight 20, splits 80/20 for every path of its host', () => {
    const canary = podinfoCanary({
      service: {
        hosts: ['podinfo.example.com'],
        gatewayRefs: [
          { name: 'public', namespace: 'gateway-system', sectionName: 'https' },
        ],
      },
    });

    expect(
      buildHttpRoute(canary, {
        primaryWeight: 80,
        canaryWeight: 20,
        mirrored: false,
      }),
    ).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'HTTPRoute',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        ownerReferences: [PODINFO_OWNER],
      },
      spec: {
        parentRefs: [
          { name: 'public', namespace: 'gateway-system', sectionName: 'https' },
        ],
        hostnames: ['podinfo.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [
              backend('podinfo-primary', 80),
              backend('podinfo-canary', 20),
            ],
          },
        ],
      },
    });
  });

  it("given gatewayRefs with group, kind and port, keeps Flagger's ParentReference fields on the parentRefs", () => {
    const parentRef = {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'public',
      namespace: 'gateway-system',
      sectionName: 'https',
      port: 443,
    };
    const route = buildHttpRoute(
      podinfoCanary({
        service: {
          gatewayRefs: [parentRef],
        },
      }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect((route.spec as any).parentRefs).toEqual([parentRef]);
  });

  it('given no gatewayRefs, attaches the route to the apex Service (GAMMA, east-west traffic in the mesh)', () => {
    expect(
      buildHttpRoute(podinfoCanary(), {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      }).spec,
    ).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'podinfo', port: 9898 }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            backend('podinfo-primary', 100),
            backend('podinfo-canary', 0),
          ],
        },
      ],
    });
  });

  it('given an A/B canary with header, cookie and query matches under /api, sends matching requests to the canary and the rest to the primary', () => {
    const canary = podinfoCanary({
      service: { match: [{ uri: { prefix: '/api' } }] },
      analysis: {
        iterations: 10,
        match: [
          {
            headers: {
              'x-canary': { exact: 'insider' },
              cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' },
            },
          },
          { queryParams: { canary: { exact: 'true' } } },
        ],
      },
    });

    expect(
      buildHttpRoute(canary, {
        primaryWeight: 0,
        canaryWeight: 100,
        mirrored: false,
      }).spec,
    ).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'podinfo', port: 9898 }],
      rules: [
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/api' },
              headers: [
                {
                  type: 'RegularExpression',
                  name: 'cookie',
                  value: '^(.*?;)?(canary=always)(;.*)?$',
                },
                { type: 'Exact', name: 'x-canary', value: 'insider' },
              ],
            },
            {
              path: { type: 'PathPrefix', value: '/api' },
              queryParams: [{ type: 'Exact', name: 'canary', value: 'true' }],
            },
          ],
          backendRefs: [
            backend('podinfo-primary', 0),
            backend('podinfo-canary', 100),
          ],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          backendRefs: [backend('podinfo-primary', 100)],
        },
      ],
    });
  });

  it.each([
    [
      'blue/green with mirroring at 25%',
      { iterations: 10, mirror: true, mirrorWeight: 25 },
    ],
    [
      "a weighted canary's mirror step (stepWeight 20, mirror at 25%, weight 0)",
      { mirror: true, mirrorWeight: 25 },
    ],
  ])('given %s, adds a RequestMirror filter to the canary', (_, analysis) => {
    const canary = podinfoCanary({ analysis });

    expect(
      buildHttpRoute(canary, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: true,
      }).spec,
    ).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'podinfo', port: 9898 }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            backend('podinfo-primary', 100),
            backend('podinfo-canary', 0),
          ],
          filters: [
            {
              type: 'RequestMirror',
              requestMirror: {
                backendRef: {
                  group: '',
                  kind: 'Service',
                  name: 'podinfo-canary',
                  port: 9898,
                },
                percent: 25,
              },
            },
          ],
        },
      ],
    });
  });

  it('refuses a header prefix match, which Gateway API cannot express, naming the field', () => {
    const canary = podinfoCanary({
      analysis: {
        iterations: 10,
        match: [{ headers: { 'x-canary': { prefix: 'in' } } }],
      },
    });

    const build = () =>
      buildHttpRoute(canary, {
        primaryWeight: 0,
        canaryWeight: 100,
        mirrored: false,
      });

    expect(build).toThrow(UnsupportedRoutingError);
    expect(build).toThrow(
      'analysis.match[0].headers.x-canary is not supported by provider gatewayapi: Gateway API cannot express a prefix match; it matches headers and query parameters by exact or regex, paths by exact, prefix or regex, and methods exactly',
    );
  });

  it('refuses sourceLabels, an Istio-only condition', () => {
    const canary = podinfoCanary({
      analysis: {
        iterations: 10,
        match: [{ sourceLabels: { app: 'frontend' } }],
      },
    });
    expect(() =>
      buildHttpRoute(canary, {
        primaryWeight: 0,
        canaryWeight: 100,
        mirrored: false,
      }),
    ).toThrow(
      'analysis.match[0].sourceLabels is not supported by provider gatewayapi: Gateway API cannot express a match on sourceLabels',
    );
  });
});
