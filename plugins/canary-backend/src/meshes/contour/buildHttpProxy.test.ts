import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { buildHttpProxy } from './buildHttpProxy';

const contour = (overrides: Parameters<typeof podinfoCanary>[0] = {}) =>
  podinfoCanary({ provider: 'contour', ...overrides });

/** A Service of a route as Flagger writes it, with Linkerd's destination override. */
const service = (name: string, weight: number) => ({
  name,
  port: 9898,
  weight,
  requestHeadersPolicy: {
    set: [
      {
        name: 'l5d-dst-override',
        value: `${name}.test.svc.cluster.local:9898`,
      },
    ],
  },
});
const AB = { iterations: 10, stepWeight: undefined, maxWeight: undefined };

describe('buildHttpProxy', () => {
  it("given the walkthrough canary at weight 30, writes Flagger's HTTPProxy: one prefix route, primary and canary weighted", () => {
    expect(
      buildHttpProxy(contour(), {
        primaryWeight: 70,
        canaryWeight: 30,
        mirrored: false,
      }),
    ).toEqual({
      apiVersion: 'projectcontour.io/v1',
      kind: 'HTTPProxy',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        ownerReferences: [PODINFO_OWNER],
      },
      spec: {
        routes: [
          {
            conditions: [{ prefix: '/' }],
            services: [
              service('podinfo-primary', 70),
              service('podinfo-canary', 30),
            ],
          },
        ],
      },
    });
  });

  it("given Flagger's walkthrough options, puts the URI prefix, timeout and retries on the route, and the apex metadata on the proxy", () => {
    const proxy = buildHttpProxy(
      contour({
        service: {
          match: [{ uri: { prefix: '/api' } }],
          timeout: '15s',
          retries: { attempts: 3, perTryTimeout: '5s', retryOn: '5xx,reset' },
          apex: { labels: { team: 'web' }, annotations: { note: 'x' } },
        },
      }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect(proxy.metadata).toMatchObject({
      labels: { team: 'web' },
      annotations: { note: 'x' },
    });
    expect((proxy.spec as any).routes).toEqual([
      {
        conditions: [{ prefix: '/api' }],
        timeoutPolicy: { response: '15s', idle: '5m' },
        retryPolicy: {
          count: 3,
          perTryTimeout: '5s',
          retryOn: ['5xx', 'reset'],
        },
        services: [
          service('podinfo-primary', 100),
          service('podinfo-canary', 0),
        ],
      },
    ]);
  });

  it('given an A/B match, routes each entry by its header conditions with the weights, everyone else to the primary', () => {
    const proxy = buildHttpProxy(
      contour({
        analysis: {
          ...AB,
          match: [
            { headers: { 'x-canary': { exact: 'insider' } } },
            {
              headers: {
                cookie: { suffix: 'insider' },
                'user-agent': { regex: '.*Android.*' },
              },
            },
          ],
        },
      }),
      { primaryWeight: 0, canaryWeight: 100, mirrored: false },
    );
    const ab = [service('podinfo-primary', 0), service('podinfo-canary', 100)];
    expect((proxy.spec as any).routes).toEqual([
      {
        conditions: [
          { prefix: '/', header: { name: 'x-canary', exact: 'insider' } },
        ],
        services: ab,
      },
      {
        conditions: [
          { prefix: '/', header: { name: 'cookie', regex: '.*insider' } },
          { header: { name: 'user-agent', regex: '.*Android.*' } },
        ],
        services: ab,
      },
      {
        conditions: [{ prefix: '/' }],
        services: [
          service('podinfo-primary', 100),
          service('podinfo-canary', 0),
        ],
      },
    ]);
  });

  it("given mirroring, makes the canary the route's mirror of analysis.mirrorWeight percent, all without it", () => {
    const mirrored = (mirrorWeight?: number) =>
      (
        buildHttpProxy(
          contour({
            analysis: {
              mirror: true,
              ...(mirrorWeight ? { mirrorWeight } : {}),
            },
          }),
          { primaryWeight: 100, canaryWeight: 0, mirrored: true },
        ).spec as any
      ).routes[0].services;
    expect(mirrored(40)).toEqual([
      service('podinfo-primary', 100),
      service('podinfo-canary', 0),
      { name: 'podinfo-canary', port: 9898, mirror: true, weight: 40 },
    ]);
    expect(mirrored()[2]).toEqual({
      name: 'podinfo-canary',
      port: 9898,
      mirror: true,
    });
  });

  it('given setHeaderRoute and setMirrorRoute steps in effect, adds their routes after the weighted one', () => {
    const canary = contour({
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        steps: [{ setWeight: 20 }],
      },
    });
    const proxy = buildHttpProxy(canary, {
      primaryWeight: 80,
      canaryWeight: 20,
      mirrored: false,
      headerRoutes: [
        {
          name: 'beta',
          match: [{ headerName: 'x-beta', headerValue: { prefix: 'y' } }],
        },
      ],
      mirrorRoutes: [
        {
          name: 'copy',
          match: [
            { path: { prefix: '/api' }, headers: { 'x-copy': { exact: '1' } } },
          ],
          percentage: 25,
        },
      ],
    });
    expect((proxy.spec as any).routes).toEqual([
      {
        conditions: [{ prefix: '/' }],
        services: [
          service('podinfo-primary', 80),
          service('podinfo-canary', 20),
        ],
      },
      {
        conditions: [{ prefix: '/', header: { name: 'x-beta', regex: 'y.*' } }],
        services: [
          service('podinfo-primary', 0),
          service('podinfo-canary', 100),
        ],
      },
      {
        conditions: [
          { prefix: '/api', header: { name: 'x-copy', exact: '1' } },
        ],
        services: [
          service('podinfo-primary', 80),
          service('podinfo-canary', 20),
          { name: 'podinfo-canary', port: 9898, mirror: true, weight: 25 },
        ],
      },
    ]);
  });
});
