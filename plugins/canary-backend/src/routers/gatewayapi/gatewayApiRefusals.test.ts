import { podinfoCanary } from '../testing/podinfoCanary';
import { gatewayApiRefusals } from './gatewayApiRefusals';

describe('gatewayApiRefusals', () => {
  it.each(['gatewayapi', 'gatewayapi:v1', 'gatewayapi:v1beta1'])(
    'refuses nothing of a Canary behind a Gateway with hosts and A/B matches (provider %s)',
    provider => {
      const canary = podinfoCanary({
        provider,
        service: {
          gatewayRefs: [{ name: 'public', namespace: 'gateways' }],
          hosts: ['app.example.com'],
          match: [{ uri: { prefix: '/api' } }],
        },
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          iterations: 10,
          match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
        },
      });
      expect(gatewayApiRefusals(canary)).toEqual([]);
    },
  );

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      "Istio's gateways",
      { service: { gateways: ['public-gateway'] } },
      'service.gateways',
      'service.gateways is not supported by provider gatewayapi: it lists the Istio gateways of a VirtualService; attach the HTTPRoute to Gateways with service.gatewayRefs',
    ],
    [
      "Istio's trafficPolicy",
      { service: { trafficPolicy: { tls: { mode: 'DISABLE' } } } },
      'service.trafficPolicy',
      'service.trafficPolicy is not supported by provider gatewayapi: it is copied to Istio DestinationRules, which provider gatewayapi does not write; set the policy in your Gateway API implementation, or use provider istio',
    ],
    [
      'retries',
      { service: { retries: { attempts: 3 } } },
      'service.retries',
      "service.retries is not supported by provider gatewayapi: the HTTPRoute version Vane writes (v1beta1) has no retry policy, and Flagger's Gateway API router writes none either; remove it, or use provider istio",
    ],
    [
      'a URI rewrite, not written yet',
      { service: { rewrite: { uri: '/' } } },
      'service.rewrite',
      'service.rewrite is not supported yet by provider gatewayapi: the HTTPRoute Vane writes has no URLRewrite filter; remove it, or use provider istio',
    ],
    [
      'a request timeout, not written yet',
      { service: { timeout: '5s' } },
      'service.timeout',
      'service.timeout is not supported yet by provider gatewayapi: the HTTPRoute Vane writes sets no request timeout; remove it, or use provider istio',
    ],
    [
      'header operations, not written yet',
      {
        service: {
          headers: { response: { remove: ['x-envoy-upstream-service-time'] } },
        },
      },
      'service.headers',
      'service.headers is not supported yet by provider gatewayapi: the HTTPRoute Vane writes has no header modifier filters; remove it, or use provider istio',
    ],
    [
      'a CORS policy, not written yet',
      {
        service: {
          corsPolicy: { allowOrigins: [{ exact: 'https://example.com' }] },
        },
      },
      'service.corsPolicy',
      'service.corsPolicy is not supported yet by provider gatewayapi: the HTTPRoute Vane writes has no CORS filter; remove it, or use provider istio',
    ],
    [
      'a header prefix match, which Gateway API cannot express',
      {
        analysis: {
          iterations: 10,
          stepWeight: undefined,
          maxWeight: undefined,
          match: [{ headers: { 'x-canary': { prefix: 'in' } } }],
        },
      },
      'analysis.match[0].headers.x-canary',
      'analysis.match[0].headers.x-canary is not supported by provider gatewayapi: Gateway API cannot express a prefix match; it matches headers and query parameters by exact or regex, paths by exact, prefix or regex, and methods exactly',
    ],
    [
      'an unknown Gateway API version',
      { provider: 'gatewayapi:v2' },
      'provider',
      "provider gatewayapi:v2 is not supported: Vane's gatewayapi router writes gateway.networking.k8s.io/v1beta1 HTTPRoutes (the objects the v1 API serves too); use gatewayapi, gatewayapi:v1, gatewayapi:v1beta1",
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(gatewayApiRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
