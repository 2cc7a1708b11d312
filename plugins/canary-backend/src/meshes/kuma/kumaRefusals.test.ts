import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { kumaRefusals } from './kumaRefusals';

const SPLIT_ONLY =
  "a TrafficRoute splits all of the apex service's traffic in the mesh between tagged destinations";
const AB = { iterations: 10, stepWeight: undefined, maxWeight: undefined };

describe('kumaRefusals', () => {
  it('refuses nothing a TrafficRoute carries: weights, A/B by header, method and path, header routes', () => {
    expect(kumaRefusals(podinfoCanary({ provider: 'kuma' }))).toEqual([]);
    expect(
      kumaRefusals(
        podinfoCanary({
          provider: 'kuma',
          analysis: {
            ...AB,
            match: [
              {
                headers: { 'x-canary': { exact: 'insider' } },
                method: { prefix: 'G' },
              },
              {
                headers: {
                  cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' },
                },
              },
              { uri: { prefix: '/beta' } },
            ],
          },
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'mirroring',
      { analysis: { mirror: true } },
      'analysis.mirror',
      'analysis.mirror is not supported by provider kuma: a TrafficRoute cannot mirror traffic to the canary; remove it, or use provider istio or gatewayapi',
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
      'analysis.sessionAffinity',
      'analysis.sessionAffinity is not supported by provider kuma: a TrafficRoute sets no cookies, so it cannot keep a user on the canary (sticky sessions); remove it, or use provider istio or gatewayapi',
    ],
    [
      'Istio gateways',
      { service: { gateways: ['mesh'] } },
      'service.gateways',
      'service.gateways is not supported by provider kuma: it lists the Istio gateways of a VirtualService, which provider kuma does not write; remove it',
    ],
    [
      'Gateway API gatewayRefs',
      { service: { gatewayRefs: [{ name: 'public' }] } },
      'service.gatewayRefs',
      'service.gatewayRefs is not supported by provider kuma: it attaches a Gateway API HTTPRoute, which provider kuma does not write; remove it, or use provider gatewayapi',
    ],
    [
      'hosts',
      { service: { hosts: ['app.example.com'] } },
      'service.hosts',
      `service.hosts is not supported by provider kuma: ${SPLIT_ONLY}, addressed by its Service; it names no hosts (Flagger's kuma router ignores them); remove it`,
    ],
    [
      'URI matches',
      { service: { match: [{ uri: { prefix: '/api' } }] } },
      'service.match',
      `service.match is not supported by provider kuma: ${SPLIT_ONLY}, not the requests of some URIs only (Flagger's kuma router ignores it); remove it, or use provider istio or gatewayapi`,
    ],
    [
      'a rewrite',
      { service: { rewrite: { uri: '/' } } },
      'service.rewrite',
      `service.rewrite is not supported by provider kuma: ${SPLIT_ONLY}; Vane writes no rewrite in it; remove it, or use provider istio or gatewayapi`,
    ],
    [
      'a CORS policy',
      { service: { corsPolicy: { allowMethods: ['GET'] } } },
      'service.corsPolicy',
      `service.corsPolicy is not supported by provider kuma: ${SPLIT_ONLY}, with no CORS policy; remove it, or use provider istio or gatewayapi`,
    ],
    [
      'a traffic policy',
      { service: { trafficPolicy: { tls: { mode: 'DISABLE' } } } },
      'service.trafficPolicy',
      'service.trafficPolicy is not supported by provider kuma: it is copied to Istio DestinationRules, which provider kuma does not write; remove it',
    ],
    [
      'Istio delegation',
      { service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider kuma: it makes the Istio VirtualService a delegate, and a TrafficRoute is not one; remove it, or use provider istio',
    ],
    [
      'a timeout',
      { service: { timeout: '5s' } },
      'service.timeout',
      'service.timeout is not supported yet by provider kuma: Kuma sets it by its Timeout policy, which Vane does not write yet; set that policy yourself, and remove it',
    ],
    [
      'a backend timeout',
      { service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      'service.backendTimeout is not supported yet by provider kuma: Kuma sets it by its Timeout policy, which Vane does not write yet; set that policy yourself, and remove it',
    ],
    [
      'retries',
      { service: { retries: { attempts: 3 } } },
      'service.retries',
      'service.retries is not supported yet by provider kuma: Kuma sets it by its Retry policy, which Vane does not write yet; set that policy yourself, and remove it',
    ],
    [
      'header operations',
      { service: { headers: { request: { set: { a: 'b' } } } } },
      'service.headers',
      `service.headers is not supported yet by provider kuma: ${SPLIT_ONLY}, and Vane writes no header modifications in it; remove it, or use provider istio or gatewayapi`,
    ],
    [
      'an A/B query parameter match',
      {
        analysis: { ...AB, match: [{ queryParams: { beta: { exact: '1' } } }] },
      },
      'analysis.match[0].queryParams',
      'analysis.match[0].queryParams is not supported by provider kuma: a TrafficRoute matches headers, the method and the path only; remove it, or use provider istio or gatewayapi',
    ],
    [
      'an A/B header matched by suffix',
      {
        analysis: {
          ...AB,
          match: [{ headers: { 'user-agent': { suffix: 'Firefox' } } }],
        },
      },
      'analysis.match[0].headers.user-agent',
      'analysis.match[0].headers.user-agent is not supported by provider kuma: a TrafficRoute matches by one of exact, prefix or regex; write it with one of them',
    ],
    [
      'a provider version',
      { provider: 'kuma:v1alpha1' },
      'provider',
      "provider kuma:v1alpha1 is not supported: Vane's kuma router writes kuma.io/v1alpha1 TrafficRoutes; use kuma",
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
      'analysis.steps[0].setMirrorRoute is not supported by provider kuma: a TrafficRoute cannot mirror requests to the canary; use setWeight, setHeaderRoute and pause steps, or provider istio or gatewayapi',
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(kumaRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
