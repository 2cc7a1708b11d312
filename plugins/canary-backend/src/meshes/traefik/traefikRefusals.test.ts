import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { traefikRefusals } from './traefikRefusals';

const INGRESS_ROUTE =
  "a TraefikService carries only the weights (or the mirror) of its services; hosts, paths and middlewares are the IngressRoute's that routes to it, which Vane does not write (as Flagger does not); remove it and set it on the IngressRoute";
const NO_MATCHING =
  'a TraefikService has no request matching: the matching is the rule of the IngressRoute that routes to it, which sends all its requests there';

describe('traefikRefusals', () => {
  it.each(['traefik', 'traefik:v1alpha1'])(
    'refuses nothing of a weighted, stepped or mirrored canary (provider %s)',
    provider => {
      for (const analysis of [
        {},
        { iterations: 5, mirror: true, mirrorWeight: 50 },
        { stepWeights: [10, 50] },
        {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [{ setWeight: 10 }, { pause: { duration: '1m' } }],
        },
      ]) {
        expect(traefikRefusals(podinfoCanary({ provider, analysis }))).toEqual(
          [],
        );
      }
    },
  );

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'A/B testing',
      {
        analysis: {
          iterations: 10,
          match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
        },
      },
      'analysis.match',
      `analysis.match is not supported by provider traefik: ${NO_MATCHING}; use provider gatewayapi with Traefik's Gateway API provider for A/B testing`,
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
      'analysis.sessionAffinity',
      "analysis.sessionAffinity is not supported yet by provider traefik: the TraefikService Vane writes sets no cookie yet (Traefik's sticky cookie keeps a client on the service it first got, not Flagger's canary cookie); remove it, or use provider istio or gatewayapi",
    ],
    [
      'hosts',
      { service: { hosts: ['app.example.com'] } },
      'service.hosts',
      `service.hosts is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'a path match',
      { service: { match: [{ uri: { prefix: '/api' } }] } },
      'service.match',
      `service.match is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'a timeout',
      { service: { timeout: '5s' } },
      'service.timeout',
      `service.timeout is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'a backend timeout',
      { service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      `service.backendTimeout is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'retries',
      { service: { retries: { attempts: 3 } } },
      'service.retries',
      `service.retries is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'a rewrite',
      { service: { rewrite: { uri: '/' } } },
      'service.rewrite',
      `service.rewrite is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'header operations',
      { service: { headers: { request: { set: { a: 'b' } } } } },
      'service.headers',
      `service.headers is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'a CORS policy',
      { service: { corsPolicy: { allowMethods: ['GET'] } } },
      'service.corsPolicy',
      `service.corsPolicy is not supported by provider traefik: ${INGRESS_ROUTE}`,
    ],
    [
      'Istio gateways',
      { service: { gateways: ['public-gateway'] } },
      'service.gateways',
      'service.gateways is not supported by provider traefik: it lists the Istio gateways of a VirtualService; Traefik serves the TraefikService through the IngressRoutes that route to it; remove it',
    ],
    [
      'Gateway API gatewayRefs',
      { service: { gatewayRefs: [{ name: 'public' }] } },
      'service.gatewayRefs',
      "service.gatewayRefs is not supported by provider traefik: it lists the Gateway API Gateways of an HTTPRoute; remove it, or use provider gatewayapi with Traefik's Gateway API provider",
    ],
    [
      'a traffic policy',
      { service: { trafficPolicy: { tls: { mode: 'DISABLE' } } } },
      'service.trafficPolicy',
      'service.trafficPolicy is not supported by provider traefik: it is copied to Istio DestinationRules, which provider traefik does not write; remove it',
    ],
    [
      'Istio delegation',
      { service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider traefik: it makes the Istio VirtualService a delegate, and a TraefikService is not one; remove it',
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
      `analysis.steps[1].setHeaderRoute is not supported by provider traefik: ${NO_MATCHING}; use setWeight and pause steps, or provider gatewayapi`,
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
      `analysis.steps[0].setMirrorRoute is not supported by provider traefik: ${NO_MATCHING}; use setWeight and pause steps, or analysis.mirror to mirror all requests, or provider gatewayapi`,
    ],
    [
      "Traefik's older API by version",
      { provider: 'traefik:v1alpha2' },
      'provider',
      "provider traefik:v1alpha2 is not supported: Vane's traefik router writes traefik.io/v1alpha1 TraefikServices (Traefik 2.10 and later; not the traefik.containo.us API of older releases); use traefik, traefik:v1alpha1",
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(traefikRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
