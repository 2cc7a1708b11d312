import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { istioRefusals } from './istioRefusals';

describe('istioRefusals', () => {
  it("refuses nothing of what the seed walkthrough's Istio Canary sets: gateways, hosts, route options, trafficPolicy, A/B matches", () => {
    const canary = podinfoCanary({
      provider: 'istio',
      service: {
        gateways: ['public-gateway'],
        hosts: ['*'],
        trafficPolicy: { tls: { mode: 'DISABLE' } },
        rewrite: { uri: '/' },
        retries: { attempts: 3, perTryTimeout: '1s', retryOn: 'gateway-error' },
        timeout: '5s',
        headers: {
          request: { add: { 'x-envoy-upstream-rq-timeout-ms': '15000' } },
        },
        corsPolicy: { allowOrigins: [{ exact: 'https://example.com' }] },
        match: [{ uri: { prefix: '/api' } }],
      },
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        iterations: 10,
        match: [
          { headers: { 'x-canary': { exact: 'insider' } } },
          { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
          { sourceLabels: { app: 'frontend' } },
        ],
      },
    });
    expect(istioRefusals(canary)).toEqual([]);
  });

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      "Gateway API's backendTimeout",
      { service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      "service.backendTimeout is not supported by provider istio: it is Gateway API's per-backend timeout (rules[].timeouts.backendRequest), which an Istio route does not have; set service.timeout, or use provider gatewayapi",
    ],
    [
      "Gateway API's rewrite type",
      { service: { rewrite: { uri: '/', type: 'ReplacePrefixMatch' } } },
      'service.rewrite.type',
      "service.rewrite.type is not supported by provider istio: it is a Gateway API path modifier: Istio's rewrite.uri replaces the matched prefix (the whole path of an exact match) and Flagger's Istio router ignores the type; remove it, or use provider gatewayapi",
    ],
    [
      'hosts beside delegation, as Flagger',
      { service: { delegation: true, hosts: ['app.example.com'] } },
      'service.hosts',
      'service.hosts cannot be combined with service.delegation on provider istio: a delegate VirtualService has no hosts, the VirtualService that delegates to it has them; remove service.hosts, or delegation',
    ],
    [
      "Gateway API's gatewayRefs",
      { service: { gatewayRefs: [{ name: 'public', namespace: 'gateways' }] } },
      'service.gatewayRefs',
      'service.gatewayRefs is not supported by provider istio: gatewayRefs attach a Gateway API HTTPRoute to Gateways; list the Istio gateways of the VirtualService in service.gateways, or use provider gatewayapi',
    ],
    [
      "a suffix header match, which Flagger's CRD allows and Istio's StringMatch does not have",
      {
        analysis: {
          iterations: 10,
          stepWeight: undefined,
          maxWeight: undefined,
          match: [{ headers: { 'user-agent': { suffix: 'Firefox' } } }],
        },
      },
      'analysis.match[0].headers.user-agent.suffix',
      "analysis.match[0].headers.user-agent.suffix is not supported by provider istio: Istio's StringMatch matches exact, prefix or regex; write it as a regex",
    ],
    [
      'a field Istio has no match for',
      { service: { match: [{ path: { prefix: '/' } }] } },
      'service.match[0].path',
      "service.match[0].path is not supported by provider istio: it is not a field of Istio's HTTPMatchRequest",
    ],
    [
      'a version after the provider name',
      { provider: 'istio:v1' },
      'provider',
      "provider istio:v1 is not supported: Vane's istio router writes networking.istio.io/v1beta1 VirtualServices and DestinationRules; use istio",
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(istioRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
