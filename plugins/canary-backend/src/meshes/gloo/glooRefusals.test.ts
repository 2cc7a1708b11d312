import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { glooRefusals } from './glooRefusals';

const ROUTE_OPTIONS =
  "Vane writes the RouteTable a Gloo VirtualService delegates to, as Flagger does, and the VirtualService route that delegates holds the route options, which its RouteTable's routes inherit; remove it and set it in that route's options";
const GLOO_MATCHES =
  "Gloo's RouteTable routes match headers and query parameters exactly or by regex and methods exactly, and take their path from the VirtualService that delegates to them (match the path there)";

describe('glooRefusals', () => {
  it.each(['gloo', 'gloo:v1'])(
    'refuses nothing of a weighted, mirrored or A/B canary (provider %s)',
    provider => {
      for (const analysis of [
        {},
        { iterations: 5, mirror: true, mirrorWeight: 50 },
        {
          iterations: 5,
          match: [
            { headers: { 'x-canary': { exact: 'insider' } } },
            {
              headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } },
            },
          ],
        },
      ]) {
        expect(glooRefusals(podinfoCanary({ provider, analysis }))).toEqual([]);
      }
    },
  );

  it("refuses nothing of Argo Rollouts' header and mirror steps by headers and method", () => {
    expect(
      glooRefusals(
        podinfoCanary({
          analysis: {
            stepWeight: undefined,
            maxWeight: undefined,
            steps: [
              {
                setHeaderRoute: {
                  name: 'beta',
                  match: [
                    { headerName: 'x-beta', headerValue: { prefix: 'y' } },
                  ],
                },
              },
              {
                setMirrorRoute: {
                  name: 'copy',
                  match: [{ method: { exact: 'GET' } }],
                },
              },
              { setWeight: 20 },
            ],
          },
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'hosts',
      { service: { hosts: ['app.example.com'] } },
      'service.hosts',
      'service.hosts is not supported by provider gloo: Vane writes the RouteTable a Gloo VirtualService delegates to, as Flagger does, and the VirtualService names the domains (virtualHost.domains); remove it and list them there',
    ],
    [
      'a path match',
      { service: { match: [{ uri: { prefix: '/api' } }] } },
      'service.match',
      "service.match is not supported by provider gloo: Vane writes the RouteTable a Gloo VirtualService delegates to, as Flagger does, and the VirtualService route that delegates holds the path matcher, which the RouteTable's routes inherit (inheritablePathMatchers); remove it and match the path there",
    ],
    [
      'Istio gateways',
      { service: { gateways: ['public-gateway'] } },
      'service.gateways',
      "service.gateways is not supported by provider gloo: it lists the Istio gateways of a VirtualService; Gloo's gateway-proxy serves the RouteTable through the Gloo VirtualService that delegates to it; remove it",
    ],
    [
      'Gateway API gatewayRefs',
      { service: { gatewayRefs: [{ name: 'public' }] } },
      'service.gatewayRefs',
      "service.gatewayRefs is not supported by provider gloo: it lists the Gateway API Gateways of an HTTPRoute; Gloo's gateway-proxy serves the RouteTable through the Gloo VirtualService that delegates to it; remove it, or use provider gatewayapi",
    ],
    [
      'a timeout',
      { service: { timeout: '5s' } },
      'service.timeout',
      `service.timeout is not supported by provider gloo: ${ROUTE_OPTIONS}`,
    ],
    [
      'retries',
      { service: { retries: { attempts: 3 } } },
      'service.retries',
      `service.retries is not supported by provider gloo: ${ROUTE_OPTIONS}`,
    ],
    [
      'a rewrite',
      { service: { rewrite: { uri: '/' } } },
      'service.rewrite',
      `service.rewrite is not supported by provider gloo: ${ROUTE_OPTIONS}`,
    ],
    [
      'header operations',
      { service: { headers: { request: { set: { a: 'b' } } } } },
      'service.headers',
      `service.headers is not supported by provider gloo: ${ROUTE_OPTIONS}`,
    ],
    [
      'a CORS policy',
      { service: { corsPolicy: { allowMethods: ['GET'] } } },
      'service.corsPolicy',
      `service.corsPolicy is not supported by provider gloo: ${ROUTE_OPTIONS}`,
    ],
    [
      'a backend timeout',
      { service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      `service.backendTimeout is not supported by provider gloo: ${ROUTE_OPTIONS}`,
    ],
    [
      'a traffic policy',
      { service: { trafficPolicy: { tls: { mode: 'DISABLE' } } } },
      'service.trafficPolicy',
      'service.trafficPolicy is not supported by provider gloo: it is copied to Istio DestinationRules, which provider gloo does not write, and the Upstreams Vane writes carry no connection settings; remove it',
    ],
    [
      'Istio delegation',
      { service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider gloo: it makes the Istio VirtualService a delegate; the RouteTable Vane writes is a delegate already; remove it',
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
      'analysis.sessionAffinity',
      'analysis.sessionAffinity is not supported yet by provider gloo: the RouteTable Vane writes sets no cookie nor routes by one yet; remove it, or use provider istio or gatewayapi',
    ],
    [
      'an A/B path match',
      {
        analysis: {
          iterations: 5,
          match: [{ uri: { prefix: '/beta' } }],
        },
      },
      'analysis.match[0].uri',
      `analysis.match[0].uri is not supported by provider gloo: a path match; ${GLOO_MATCHES}`,
    ],
    [
      'a mirror step by path',
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [
            { setWeight: 10 },
            {
              setMirrorRoute: {
                name: 'copy',
                match: [{ path: { prefix: '/api' } }],
              },
            },
          ],
        },
      },
      'analysis.steps[1].setMirrorRoute.match[0].path',
      "analysis.steps[1].setMirrorRoute.match[0].path is not supported by provider gloo: the RouteTable's routes take their path from the VirtualService route that delegates to them; remove it, and mirror by headers or method",
    ],
    [
      'a mirror step by method regex',
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [
            {
              setMirrorRoute: {
                name: 'copy',
                match: [{ method: { regex: 'GET|HEAD' } }],
              },
            },
          ],
        },
      },
      'analysis.steps[0].setMirrorRoute.match[0].method',
      'analysis.steps[0].setMirrorRoute.match[0].method is not supported by provider gloo: Gloo matches a method exactly; write it with exact',
    ],
    [
      'another provider version',
      { provider: 'gloo:v2' },
      'provider',
      "provider gloo:v2 is not supported: Vane's gloo router writes gateway.solo.io/v1 RouteTables and gloo.solo.io/v1 Upstreams (Gloo Edge 1.x); use gloo, gloo:v1",
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(glooRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
