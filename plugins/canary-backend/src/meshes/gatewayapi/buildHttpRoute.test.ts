import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
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

  it("given Argo Rollouts' header and mirror routes at weight 20, adds a rule for each after the weighted rule, combined with the path of service.match", () => {
    const canary = podinfoCanary({
      service: { match: [{ uri: { prefix: '/api' } }] },
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        steps: [{ setWeight: 20 }],
      },
    });
    const route = buildHttpRoute(canary, {
      primaryWeight: 80,
      canaryWeight: 20,
      mirrored: false,
      headerRoutes: [
        {
          name: 'beta',
          match: [
            { headerName: 'x-beta', headerValue: { exact: 'yes' } },
            { headerName: 'user-agent', headerValue: { regex: '.*Firefox.*' } },
          ],
        },
      ],
      mirrorRoutes: [
        {
          name: 'copy',
          percentage: 35,
          match: [{ method: { exact: 'GET' }, path: { exact: '/api/v2' } }],
        },
      ],
    });
    expect((route.spec as any).rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [
          backend('podinfo-primary', 80),
          backend('podinfo-canary', 20),
        ],
      },
      {
        matches: [
          {
            path: { type: 'PathPrefix', value: '/api' },
            headers: [{ type: 'Exact', name: 'x-beta', value: 'yes' }],
          },
          {
            path: { type: 'PathPrefix', value: '/api' },
            headers: [
              {
                type: 'RegularExpression',
                name: 'user-agent',
                value: '.*Firefox.*',
              },
            ],
          },
        ],
        backendRefs: [backend('podinfo-canary', 100)],
      },
      {
        matches: [{ path: { type: 'Exact', value: '/api/v2' }, method: 'GET' }],
        backendRefs: [
          backend('podinfo-primary', 80),
          backend('podinfo-canary', 20),
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
              percent: 35,
            },
          },
        ],
      },
    ]);
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

  it("given timeouts, header operations, a prefix rewrite and a CORS policy on an A/B canary, writes them on both rules, as Flagger's gatewayapi:v1 router", () => {
    const canary = podinfoCanary({
      service: {
        match: [{ uri: { prefix: '/api' } }],
        timeout: '30s',
        backendTimeout: '10s',
        headers: {
          request: {
            set: { 'x-b': '2', 'x-a': '1' },
            add: { 'x-trace': 'on' },
            remove: ['x-debug'],
          },
          response: { remove: ['x-envoy-upstream-service-time'] },
        },
        rewrite: { uri: '/v2', type: 'ReplacePrefixMatch' },
        corsPolicy: {
          allowOrigin: ['https://example.com'],
          allowMethods: ['GET', 'POST'],
          allowHeaders: ['x-token'],
          exposeHeaders: ['x-request-id'],
          allowCredentials: true,
          maxAge: '24h',
        },
      },
      analysis: {
        iterations: 10,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    });
    const filters = [
      {
        type: 'RequestHeaderModifier',
        requestHeaderModifier: {
          add: [{ name: 'x-trace', value: 'on' }],
          set: [
            { name: 'x-a', value: '1' },
            { name: 'x-b', value: '2' },
          ],
          remove: ['x-debug'],
        },
      },
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: { remove: ['x-envoy-upstream-service-time'] },
      },
      {
        type: 'URLRewrite',
        urlRewrite: {
          path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' },
        },
      },
      {
        type: 'CORS',
        cors: {
          allowOrigins: ['https://example.com'],
          allowMethods: ['GET', 'POST'],
          allowHeaders: ['x-token'],
          exposeHeaders: ['x-request-id'],
          allowCredentials: true,
          maxAge: 86400,
        },
      },
    ];
    const timeouts = { request: '30s', backendRequest: '10s' };

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
              headers: [{ type: 'Exact', name: 'x-canary', value: 'insider' }],
            },
          ],
          filters,
          timeouts,
          backendRefs: [
            backend('podinfo-primary', 0),
            backend('podinfo-canary', 100),
          ],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          filters,
          timeouts,
          backendRefs: [backend('podinfo-primary', 100)],
        },
      ],
    });
  });

  it("given a rewrite of the authority and the path without a type, replaces the host and the full path (Flagger's default), before the mirror filter", () => {
    const canary = podinfoCanary({
      service: { rewrite: { uri: '/', authority: 'podinfo.internal' } },
      analysis: { iterations: 10, mirror: true },
    });
    expect(
      (
        buildHttpRoute(canary, {
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: true,
        }).spec as any
      ).rules[0].filters,
    ).toEqual([
      {
        type: 'URLRewrite',
        urlRewrite: {
          hostname: 'podinfo.internal',
          path: { type: 'ReplaceFullPath', replaceFullPath: '/' },
        },
      },
      {
        type: 'RequestMirror',
        requestMirror: {
          backendRef: {
            group: '',
            kind: 'Service',
            name: 'podinfo-canary',
            port: 9898,
          },
        },
      },
    ]);
  });

  it('given service.apex, labels and annotates the HTTPRoute with it, as Flagger', () => {
    const route = buildHttpRoute(
      podinfoCanary({
        service: {
          apex: {
            labels: { team: 'reviews' },
            annotations: { 'example.com/owner': 'reviews' },
          },
        },
      }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect(route.metadata).toEqual({
      name: 'podinfo',
      namespace: 'test',
      labels: { team: 'reviews' },
      annotations: { 'example.com/owner': 'reviews' },
      ownerReferences: [PODINFO_OWNER],
    });
  });
});
