import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { smiRefusals } from './smiRefusals';

const WEIGHTS_ONLY =
  'a TrafficSplit carries only the weights of its two backends; remove it, or use provider istio or gatewayapi';

describe('smiRefusals', () => {
  it.each(['smi', 'smi:v1alpha2', 'linkerd', 'osm'])(
    'refuses nothing of a weighted canary with one host (provider %s)',
    provider => {
      expect(
        smiRefusals(
          podinfoCanary({ provider, service: { hosts: ['podinfo.test'] } }),
        ),
      ).toEqual([]);
    },
  );

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'A/B testing',
      {
        analysis: {
          iterations: 10,
          stepWeight: undefined,
          maxWeight: undefined,
          match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
        },
      },
      'analysis.match',
      'analysis.match is not supported by provider smi: a TrafficSplit splits by weight only, it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi',
    ],
    [
      'mirroring',
      {
        analysis: {
          iterations: 10,
          stepWeight: undefined,
          maxWeight: undefined,
          mirror: true,
        },
      },
      'analysis.mirror',
      'analysis.mirror is not supported by provider smi: a TrafficSplit cannot mirror traffic to the canary; use provider istio or gatewayapi',
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
      'analysis.sessionAffinity',
      'analysis.sessionAffinity is not supported by provider smi: a TrafficSplit splits by weight only, it cannot set cookies nor route by them (sticky sessions); use provider istio or gatewayapi',
    ],
    [
      'Istio gateways',
      { service: { gateways: ['mesh'] } },
      'service.gateways',
      `service.gateways is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'Gateway API gatewayRefs',
      { service: { gatewayRefs: [{ name: 'public' }] } },
      'service.gatewayRefs',
      `service.gatewayRefs is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'URI matches',
      { service: { match: [{ uri: { prefix: '/api' } }] } },
      'service.match',
      `service.match is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'a rewrite',
      { service: { rewrite: { uri: '/' } } },
      'service.rewrite',
      `service.rewrite is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'a timeout',
      { service: { timeout: '5s' } },
      'service.timeout',
      `service.timeout is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'retries',
      { service: { retries: { attempts: 3 } } },
      'service.retries',
      `service.retries is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'a backend timeout',
      { service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      `service.backendTimeout is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'Istio delegation',
      { service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider smi: it makes the Istio VirtualService a delegate, and a TrafficSplit is not one; remove it, or use provider istio',
    ],
    [
      'header operations',
      { service: { headers: { request: { set: { a: 'b' } } } } },
      'service.headers',
      `service.headers is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'a CORS policy',
      { service: { corsPolicy: { allowMethods: ['GET'] } } },
      'service.corsPolicy',
      `service.corsPolicy is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'a traffic policy',
      { service: { trafficPolicy: { tls: { mode: 'DISABLE' } } } },
      'service.trafficPolicy',
      `service.trafficPolicy is not supported by provider smi: ${WEIGHTS_ONLY}`,
    ],
    [
      'more than one host',
      { service: { hosts: ['podinfo.test', 'podinfo.example.com'] } },
      'service.hosts',
      'service.hosts is not supported by provider smi with more than one host: its TrafficSplit splits one service, the first host (got 2); keep one',
    ],
    [
      "Flagger's smi:v1alpha3, not written yet",
      { provider: 'smi:v1alpha3' },
      'provider',
      "provider smi:v1alpha3 is not supported yet: Vane's smi router writes split.smi-spec.io/v1alpha2 TrafficSplits (served by Linkerd with its SMI extension and by OSM); use smi, linkerd, osm, smi:v1alpha2",
    ],
    [
      "Argo Rollouts' setHeaderRoute step",
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [
            { setWeight: 10 },
            {
              setHeaderRoute: {
                name: 'beta',
                match: [
                  { headerName: 'x-beta', headerValue: { exact: 'yes' } },
                ],
              },
            },
          ],
        },
      },
      'analysis.steps[1].setHeaderRoute',
      'analysis.steps[1].setHeaderRoute is not supported by provider smi: a TrafficSplit splits by weight only, it cannot send requests with a header to the canary; use setWeight and pause steps, or provider istio or gatewayapi',
    ],
    [
      "Argo Rollouts' setMirrorRoute step",
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [
            {
              setMirrorRoute: {
                name: 'copy',
                match: [{ path: { prefix: '/' } }],
              },
            },
          ],
        },
      },
      'analysis.steps[0].setMirrorRoute',
      'analysis.steps[0].setMirrorRoute is not supported by provider smi: a TrafficSplit cannot mirror requests to the canary; use setWeight and pause steps, or provider istio or gatewayapi',
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(smiRefusals(podinfoCanary(overrides))).toEqual([{ field, message }]);
  });

  it('refuses fields at their zero value not at all, as Flagger reads them as unset', () => {
    expect(
      smiRefusals(
        podinfoCanary({
          service: { gateways: [], match: [], retries: {} as any },
          analysis: { mirror: false },
        }),
      ),
    ).toEqual([]);
  });
});
