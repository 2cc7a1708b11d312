import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { buildGlooRouteTable } from './buildGlooRouteTable';

const PRIMARY = {
  name: 'test-podinfo-primaryupstream-9898',
  namespace: 'test',
};
const CANARY = { name: 'test-podinfo-canaryupstream-9898', namespace: 'test' };

const weighted = (primaryWeight: number, canaryWeight: number) => ({
  multi: {
    destinations: [
      { destination: { upstream: PRIMARY }, weight: primaryWeight },
      { destination: { upstream: CANARY }, weight: canaryWeight },
    ],
  },
});

describe('buildGlooRouteTable', () => {
  it("given the seed canary at weight 60, weighs the Upstreams 40/60 in one route, as Flagger's", () => {
    expect(
      buildGlooRouteTable(podinfoCanary(), {
        primaryWeight: 40,
        canaryWeight: 60,
        mirrored: false,
      }),
    ).toEqual({
      apiVersion: 'gateway.solo.io/v1',
      kind: 'RouteTable',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        ownerReferences: [PODINFO_OWNER],
      },
      spec: {
        routes: [
          { inheritablePathMatchers: true, routeAction: weighted(40, 60) },
        ],
      },
    });
  });

  it('given A/B by header or cookie, matches either on the canary route and sends everyone else to the primary', () => {
    const canary = podinfoCanary({
      analysis: {
        iterations: 10,
        stepWeight: undefined,
        maxWeight: undefined,
        match: [
          { headers: { 'x-canary': { exact: 'insider' } } },
          { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
        ],
      },
    });
    expect(
      buildGlooRouteTable(canary, {
        primaryWeight: 0,
        canaryWeight: 100,
        mirrored: false,
      }).spec,
    ).toEqual({
      routes: [
        {
          matchers: [
            { headers: [{ name: 'x-canary', value: 'insider' }] },
            {
              headers: [
                {
                  name: 'cookie',
                  value: '^(.*?;)?(canary=always)(;.*)?$',
                  regex: true,
                },
              ],
            },
          ],
          inheritablePathMatchers: true,
          routeAction: weighted(0, 100),
        },
        {
          inheritablePathMatchers: true,
          routeAction: { single: { upstream: PRIMARY } },
        },
      ],
    });
  });

  it('given mirroring at mirrorWeight 50, shadows half the requests to the canary Upstream', () => {
    const canary = podinfoCanary({
      analysis: { iterations: 5, mirror: true, mirrorWeight: 50 },
    });
    expect(
      buildGlooRouteTable(canary, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: true,
      }).spec,
    ).toEqual({
      routes: [
        {
          inheritablePathMatchers: true,
          routeAction: weighted(100, 0),
          options: { shadowing: { upstream: CANARY, percentage: 50 } },
        },
      ],
    });
  });

  it('given step header and mirror routes, puts them first, in order, as Gloo takes the first route that matches', () => {
    expect(
      buildGlooRouteTable(podinfoCanary(), {
        primaryWeight: 90,
        canaryWeight: 10,
        mirrored: false,
        headerRoutes: [
          {
            name: 'beta',
            match: [
              { headerName: 'x-beta', headerValue: { exact: 'yes' } },
              { headerName: 'x-group', headerValue: { prefix: 'qa' } },
            ],
          },
        ],
        mirrorRoutes: [
          {
            name: 'copy',
            match: [
              {
                method: { exact: 'POST' },
                headers: { 'x-copy': { regex: '1|2' } },
              },
            ],
            percentage: 25,
          },
        ],
      }).spec,
    ).toEqual({
      routes: [
        {
          matchers: [
            { headers: [{ name: 'x-beta', value: 'yes' }] },
            { headers: [{ name: 'x-group', value: 'qa.*', regex: true }] },
          ],
          inheritablePathMatchers: true,
          routeAction: { single: { upstream: CANARY } },
        },
        {
          matchers: [
            {
              methods: ['POST'],
              headers: [{ name: 'x-copy', value: '1|2', regex: true }],
            },
          ],
          inheritablePathMatchers: true,
          routeAction: weighted(90, 10),
          options: { shadowing: { upstream: CANARY, percentage: 25 } },
        },
        { inheritablePathMatchers: true, routeAction: weighted(90, 10) },
      ],
    });
  });

  it("given service.apex, labels and annotates the RouteTable with it, as Flagger's", () => {
    const table = buildGlooRouteTable(
      podinfoCanary({
        service: {
          apex: {
            labels: { team: 'a' },
            annotations: { 'example.com/owner': 'team-a' },
          },
        },
      }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect(table.metadata).toEqual({
      name: 'podinfo',
      namespace: 'test',
      labels: { team: 'a' },
      annotations: { 'example.com/owner': 'team-a' },
      ownerReferences: [PODINFO_OWNER],
    });
  });
});
