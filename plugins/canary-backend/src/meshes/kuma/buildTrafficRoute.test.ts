import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { buildTrafficRoute } from './buildTrafficRoute';

const AT = (canaryWeight: number) => ({
  primaryWeight: 100 - canaryWeight,
  canaryWeight,
  mirrored: false,
});
const PRIMARY = { 'kuma.io/service': 'podinfo-primary_test_svc_9898' };
const CANARY = { 'kuma.io/service': 'podinfo-canary_test_svc_9898' };
const OWNER = {
  'delivery.vane.dev/canary': 'test/podinfo',
  'delivery.vane.dev/canary-uid': 'uid-podinfo',
};

describe('buildTrafficRoute', () => {
  it("given the seed canary at weight 40, splits the apex's kuma.io/service 60/40 as Flagger, in the default mesh, owned by annotations", () => {
    expect(buildTrafficRoute(podinfoCanary(), AT(40))).toEqual({
      apiVersion: 'kuma.io/v1alpha1',
      kind: 'TrafficRoute',
      mesh: 'default',
      metadata: { name: 'podinfo.test', annotations: OWNER },
      spec: {
        sources: [{ match: { 'kuma.io/service': '*' } }],
        destinations: [
          { match: { 'kuma.io/service': 'podinfo_test_svc_9898' } },
        ],
        conf: {
          split: [
            { weight: 60, destination: PRIMARY },
            { weight: 40, destination: CANARY },
          ],
        },
      },
    });
  });

  it("given Flagger's kuma.io/mesh annotation and service.apex, writes the route in that mesh with the apex's labels and annotations", () => {
    const canary = podinfoCanary({
      service: { apex: { labels: { team: 'a' }, annotations: { note: 'x' } } },
    });
    canary.metadata.annotations = { 'kuma.io/mesh': 'payments' };
    const route = buildTrafficRoute(canary, AT(0));
    expect(route.mesh).toBe('payments');
    expect(route.metadata).toEqual({
      name: 'podinfo.test',
      labels: { team: 'a' },
      annotations: { note: 'x', ...OWNER },
    });
  });

  it('given A/B by header, method and path, splits the matching requests by the weights and sends everything else to the primary', () => {
    const canary = podinfoCanary({
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        iterations: 10,
        match: [
          {
            headers: {
              'x-canary': { exact: 'insider' },
              'x-a': { prefix: 'b' },
            },
            method: { exact: 'GET' },
          },
          { uri: { regex: '/beta/.*' } },
        ],
      },
    });
    expect((buildTrafficRoute(canary, AT(100)).spec as any).conf).toEqual({
      http: [
        {
          match: {
            method: { exact: 'GET' },
            headers: {
              'x-a': { prefix: 'b' },
              'x-canary': { exact: 'insider' },
            },
          },
          split: [
            { weight: 0, destination: PRIMARY },
            { weight: 100, destination: CANARY },
          ],
        },
        {
          match: { path: { regex: '/beta/.*' } },
          split: [
            { weight: 0, destination: PRIMARY },
            { weight: 100, destination: CANARY },
          ],
        },
      ],
      split: [{ weight: 100, destination: PRIMARY }],
    });
  });

  it("given Argo Rollouts' header routes in effect, sends each match to the canary ahead of the weights", () => {
    const conf = (
      buildTrafficRoute(podinfoCanary(), {
        ...AT(20),
        headerRoutes: [
          {
            name: 'beta',
            match: [
              { headerName: 'x-beta', headerValue: { exact: 'yes' } },
              { headerName: 'x-group', headerValue: { regex: 'qa-.*' } },
            ],
          },
        ],
      }).spec as any
    ).conf;
    expect(conf).toEqual({
      http: [
        {
          match: { headers: { 'x-beta': { exact: 'yes' } } },
          destination: CANARY,
        },
        {
          match: { headers: { 'x-group': { regex: 'qa-.*' } } },
          destination: CANARY,
        },
      ],
      split: [
        { weight: 80, destination: PRIMARY },
        { weight: 20, destination: CANARY },
      ],
    });
  });

  it('given mirroring, refuses it before building anything', () => {
    const build = () =>
      buildTrafficRoute(podinfoCanary({ analysis: { mirror: true } }), AT(0));
    expect(build).toThrow(UnsupportedRoutingError);
    expect(build).toThrow(
      'Canary test/podinfo: analysis.mirror is not supported by provider kuma: a TrafficRoute cannot mirror traffic to the canary; remove it, or use provider istio or gatewayapi',
    );
  });
});
