import type { Canary } from '@vane/plugin-canary-common';
import { stickyPodinfoCanary as stickyCanary } from '../../routers/testing/stickyPodinfoCanary';
import { buildIstioObjects } from './buildIstioObjects';
import { readIstioRoutes } from './readIstioRoutes';

const httpOf = (canary: Canary, weights: [number, number], mirrored = false) =>
  (
    buildIstioObjects(canary, {
      primaryWeight: weights[0],
      canaryWeight: weights[1],
      mirrored,
    }).virtualService.spec as any
  ).http as any[];

const destinations = (primary: number, canary: number) => [
  { destination: { host: 'podinfo-primary' }, weight: primary },
  { destination: { host: 'podinfo-canary' }, weight: canary },
];

const CANARY_COOKIE = 'flagger-cookie=LpsIaLdoNZ';
const PRIMARY_COOKIE = 'primary-flagger-cookie=ApvLdqCoMF';

describe('istioSessionAffinityRoutes (through buildIstioObjects)', () => {
  it('given weight 20 with a canary and a primary cookie, sends cookie holders to their side and sets the cookies on the weighted answers', () => {
    const canary = stickyCanary({
      canaryWeight: 20,
      sessionAffinityCookie: CANARY_COOKIE,
      primarySessionAffinityCookie: PRIMARY_COOKIE,
    });
    expect(httpOf(canary, [80, 20])).toEqual([
      {
        match: [
          {
            headers: {
              cookie: { regex: '^(.*;\\s*)?flagger-cookie=LpsIaLdoNZ(;.*)?$' },
            },
          },
        ],
        route: destinations(0, 100),
      },
      {
        match: [
          {
            headers: {
              cookie: {
                regex: '^(.*;\\s*)?primary-flagger-cookie=ApvLdqCoMF(;.*)?$',
              },
            },
          },
        ],
        route: destinations(100, 0),
      },
      {
        route: [
          {
            destination: { host: 'podinfo-primary' },
            weight: 80,
            // One analysis interval (1m): a new primary cookie comes with the next step.
            headers: {
              response: {
                add: {
                  'Set-Cookie': 'primary-flagger-cookie=ApvLdqCoMF; Max-Age=60',
                },
              },
            },
          },
          {
            destination: { host: 'podinfo-canary' },
            weight: 20,
            headers: {
              response: {
                add: {
                  'Set-Cookie': 'flagger-cookie=LpsIaLdoNZ; Max-Age=21600',
                },
              },
            },
          },
        ],
      },
    ]);
  });

  it("given no primaryCookieName and the cookie attributes of Flagger's docs, writes only the canary's cookie route and Set-Cookie with every attribute", () => {
    const canary = stickyCanary(
      { canaryWeight: 40, sessionAffinityCookie: CANARY_COOKIE },
      {
        cookieName: 'flagger-cookie',
        domain: 'fluxcd.io',
        httpOnly: true,
        partitioned: true,
        path: '/flagger',
        sameSite: 'Strict',
        secure: true,
      },
    );
    expect(httpOf(canary, [60, 40])).toEqual([
      {
        match: [
          {
            headers: {
              cookie: { regex: '^(.*;\\s*)?flagger-cookie=LpsIaLdoNZ(;.*)?$' },
            },
          },
        ],
        route: destinations(0, 100),
      },
      {
        route: [
          { destination: { host: 'podinfo-primary' }, weight: 60 },
          {
            destination: { host: 'podinfo-canary' },
            weight: 40,
            headers: {
              response: {
                add: {
                  // maxAge unset: a day, as Flagger's GetMaxAge.
                  'Set-Cookie':
                    'flagger-cookie=LpsIaLdoNZ; Max-Age=86400; Domain=fluxcd.io; HttpOnly; Partitioned; Path=/flagger; SameSite=Strict; Secure',
                },
              },
            },
          },
        ],
      },
    ]);
  });

  it("given the rollout over (weight 0) and the last run's cookie, routes its holders as everyone and expires it, with its Domain and Path", () => {
    const canary = stickyCanary(
      { canaryWeight: 0, previousSessionAffinityCookie: CANARY_COOKIE },
      { cookieName: 'flagger-cookie', path: '/flagger', secure: true },
    );
    expect(httpOf(canary, [100, 0])).toEqual([
      {
        match: [
          {
            headers: {
              cookie: { regex: '^(.*;\\s*)?flagger-cookie=LpsIaLdoNZ(;.*)?$' },
            },
          },
        ],
        headers: {
          response: {
            add: {
              'Set-Cookie':
                'flagger-cookie=LpsIaLdoNZ; Max-Age=-1; Path=/flagger',
            },
          },
        },
        route: destinations(100, 0),
      },
      { route: destinations(100, 0) },
    ]);
  });

  it('given the mirror step of a sticky canary after an earlier run, mirrors the traffic of both routes', () => {
    const canary = stickyCanary({
      canaryWeight: 0,
      mirrored: true,
      previousSessionAffinityCookie: CANARY_COOKIE,
    });
    canary.spec.analysis.mirror = true;
    const http = httpOf(canary, [100, 0], true);
    expect(http.map((route: any) => route.mirror)).toEqual([
      { host: 'podinfo-canary' },
      { host: 'podinfo-canary' },
    ]);
  });

  it('given a first run at weight 0 (no cookie yet, none before), writes the weighted route alone', () => {
    expect(httpOf(stickyCanary({ canaryWeight: 0 }), [100, 0])).toEqual([
      { route: destinations(100, 0) },
    ]);
  });

  it("given service match conditions and header operations, the cookie routes keep them and add the cookie to each condition's headers", () => {
    const canary = stickyCanary(
      { canaryWeight: 20, sessionAffinityCookie: CANARY_COOKIE },
      { cookieName: 'flagger-cookie' },
      {
        match: [
          { uri: { prefix: '/api' }, headers: { 'x-tenant': { exact: 'a' } } },
        ],
        headers: { request: { set: { 'x-route': 'canary' } } },
      },
    );
    const [sticky, weighted] = httpOf(canary, [80, 20]);
    expect(sticky).toEqual({
      match: [
        {
          uri: { prefix: '/api' },
          headers: {
            'x-tenant': { exact: 'a' },
            cookie: { regex: '^(.*;\\s*)?flagger-cookie=LpsIaLdoNZ(;.*)?$' },
          },
        },
      ],
      headers: { request: { set: { 'x-route': 'canary' } } },
      route: destinations(0, 100),
    });
    expect(weighted.match).toEqual([
      { uri: { prefix: '/api' }, headers: { 'x-tenant': { exact: 'a' } } },
    ]);
  });

  it('given discovered ports behind a gateway, the cookie route names the port as the weighted route does', () => {
    const canary = stickyCanary(
      { canaryWeight: 20, sessionAffinityCookie: CANARY_COOKIE },
      { cookieName: 'flagger-cookie' },
      { portDiscovery: true, gateways: ['public-gateway'] },
    );
    const [sticky, weighted] = httpOf(canary, [80, 20]);
    const port = { number: 9898 };
    expect(sticky.route).toEqual([
      { destination: { host: 'podinfo-primary', port }, weight: 0 },
      { destination: { host: 'podinfo-canary', port }, weight: 100 },
    ]);
    expect(weighted.route.map((d: any) => d.destination)).toEqual([
      { host: 'podinfo-primary', port },
      { host: 'podinfo-canary', port },
    ]);
  });

  it("reads back the weighted route's weights, not the cookie route's (as Flagger's GetRoutes)", () => {
    const canary = stickyCanary({
      canaryWeight: 20,
      sessionAffinityCookie: CANARY_COOKIE,
      primarySessionAffinityCookie: PRIMARY_COOKIE,
    });
    const { virtualService } = buildIstioObjects(canary, {
      primaryWeight: 80,
      canaryWeight: 20,
      mirrored: false,
    });
    expect(
      readIstioRoutes(virtualService, {
        primaryName: 'podinfo-primary',
        canaryName: 'podinfo-canary',
      }),
    ).toEqual({ primaryWeight: 80, canaryWeight: 20, mirrored: false });
  });
});
