import type { Canary } from '@vane/plugin-canary-common';
import { stickyPodinfoCanary as stickyCanary } from '../../routers/testing/stickyPodinfoCanary';
import { buildHttpRoute } from './buildHttpRoute';
import { readHttpRouteRoutes } from './readHttpRouteRoutes';

const rulesOf = (canary: Canary, weights: [number, number], mirrored = false) =>
  (
    buildHttpRoute(canary, {
      primaryWeight: weights[0],
      canaryWeight: weights[1],
      mirrored,
    }).spec as any
  ).rules;

const backend = (name: string, weight: number) => ({
  group: '',
  kind: 'Service',
  name,
  port: 9898,
  weight,
});
const setting = (value: string) => ({
  type: 'ResponseHeaderModifier',
  responseHeaderModifier: { add: [{ name: 'Set-Cookie', value }] },
});
const carrying = (regex: string) => [
  {
    path: { type: 'PathPrefix', value: '/' },
    headers: [{ type: 'RegularExpression', name: 'Cookie', value: regex }],
  },
];
const EVERY_PATH = [{ path: { type: 'PathPrefix', value: '/' } }];

const CANARY_COOKIE = 'flagger-cookie=LpsIaLdoNZ';
const CANARY_REGEX = '^(.*;\\s*)?flagger-cookie=LpsIaLdoNZ(;.*)?$';

describe('httpRouteSessionAffinityRules (through buildHttpRoute)', () => {
  it('given weight 20 with a canary and a primary cookie, sends cookie holders to their side and sets the cookies with backendRef filters', () => {
    const canary = stickyCanary({
      canaryWeight: 20,
      sessionAffinityCookie: CANARY_COOKIE,
      primarySessionAffinityCookie: 'primary-flagger-cookie=ApvLdqCoMF',
    });
    expect(rulesOf(canary, [80, 20])).toEqual([
      {
        matches: carrying(CANARY_REGEX),
        backendRefs: [
          backend('podinfo-primary', 0),
          backend('podinfo-canary', 100),
        ],
      },
      {
        matches: carrying(
          '^(.*;\\s*)?primary-flagger-cookie=ApvLdqCoMF(;.*)?$',
        ),
        backendRefs: [
          backend('podinfo-primary', 100),
          backend('podinfo-canary', 0),
        ],
      },
      {
        matches: EVERY_PATH,
        backendRefs: [
          {
            ...backend('podinfo-primary', 80),
            // One analysis interval (1m).
            filters: [setting('primary-flagger-cookie=ApvLdqCoMF; Max-Age=60')],
          },
          {
            ...backend('podinfo-canary', 20),
            filters: [setting('flagger-cookie=LpsIaLdoNZ; Max-Age=21600')],
          },
        ],
      },
    ]);
  });

  it('given no primaryCookieName, writes only the canary cookie rule and its Set-Cookie', () => {
    const canary = stickyCanary(
      { canaryWeight: 40, sessionAffinityCookie: CANARY_COOKIE },
      { cookieName: 'flagger-cookie', sameSite: 'Lax' },
    );
    expect(rulesOf(canary, [60, 40])).toEqual([
      {
        matches: carrying(CANARY_REGEX),
        backendRefs: [
          backend('podinfo-primary', 0),
          backend('podinfo-canary', 100),
        ],
      },
      {
        matches: EVERY_PATH,
        backendRefs: [
          backend('podinfo-primary', 60),
          {
            ...backend('podinfo-canary', 40),
            filters: [
              setting('flagger-cookie=LpsIaLdoNZ; Max-Age=86400; SameSite=Lax'),
            ],
          },
        ],
      },
    ]);
  });

  it("given the rollout over (weight 0) and the last run's cookie, routes its holders as everyone and expires it; mirroring stays on both rules", () => {
    const canary = stickyCanary({
      canaryWeight: 0,
      previousSessionAffinityCookie: CANARY_COOKIE,
    });
    canary.spec.analysis.mirror = true;
    const mirror = {
      type: 'RequestMirror',
      requestMirror: {
        backendRef: {
          group: '',
          kind: 'Service',
          name: 'podinfo-canary',
          port: 9898,
        },
      },
    };
    const weighted = [
      backend('podinfo-primary', 100),
      backend('podinfo-canary', 0),
    ];
    expect(rulesOf(canary, [100, 0], true)).toEqual([
      {
        matches: carrying(CANARY_REGEX),
        backendRefs: weighted,
        filters: [mirror, setting('flagger-cookie=LpsIaLdoNZ; Max-Age=-1')],
      },
      { matches: EVERY_PATH, backendRefs: weighted, filters: [mirror] },
    ]);
  });

  it("given the Service's response header operations (a ResponseHeaderModifier on every rule), the expiring rule adds its Set-Cookie to that filter: Gateway API allows one per rule", () => {
    const canary = stickyCanary(
      { canaryWeight: 0, previousSessionAffinityCookie: CANARY_COOKIE },
      { cookieName: 'flagger-cookie' },
      { headers: { response: { set: { 'x-served-by': 'podinfo' } } } },
    );
    const [expiring, weighted] = rulesOf(canary, [100, 0]);
    expect(expiring.filters).toEqual([
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: {
          set: [{ name: 'x-served-by', value: 'podinfo' }],
          add: [
            {
              name: 'Set-Cookie',
              value: 'flagger-cookie=LpsIaLdoNZ; Max-Age=-1',
            },
          ],
        },
      },
    ]);
    expect(weighted.filters).toEqual([
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: {
          set: [{ name: 'x-served-by', value: 'podinfo' }],
        },
      },
    ]);
  });

  it("reads back the weighted rule's weights, not the cookie rules' (as Flagger's GetRoutes)", () => {
    const canary = stickyCanary({
      canaryWeight: 20,
      sessionAffinityCookie: CANARY_COOKIE,
      primarySessionAffinityCookie: 'primary-flagger-cookie=ApvLdqCoMF',
    });
    const route = buildHttpRoute(canary, {
      primaryWeight: 80,
      canaryWeight: 20,
      mirrored: false,
    });
    expect(
      readHttpRouteRoutes(route, {
        primaryName: 'podinfo-primary',
        canaryName: 'podinfo-canary',
      }),
    ).toEqual({ primaryWeight: 80, canaryWeight: 20, mirrored: false });
  });
});
