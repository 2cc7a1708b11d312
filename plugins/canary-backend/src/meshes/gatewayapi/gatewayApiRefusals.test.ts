import { podinfoCanary } from '../../routers/testing/podinfoCanary';
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

  it("refuses nothing of Flagger's route options Gateway API has: timeouts, header operations, a rewrite and a CORS policy", () => {
    const canary = podinfoCanary({
      service: {
        timeout: '1m30s',
        backendTimeout: '1500ms',
        headers: { request: { set: { 'x-env': 'canary' } } },
        rewrite: { uri: '/v2', authority: 'podinfo.internal' },
        corsPolicy: { allowOrigin: ['https://example.com'], maxAge: '1h' },
      },
    });
    expect(gatewayApiRefusals(canary)).toEqual([]);
  });

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'Istio delegation',
      { service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider gatewayapi: it makes the Istio VirtualService a delegate, and an HTTPRoute is not one; remove it, or use provider istio',
    ],
    [
      'a fractional timeout, which Gateway API durations cannot write',
      { service: { timeout: '1.5s' } },
      'service.timeout',
      'service.timeout is not supported by provider gatewayapi as "1.5s": Gateway API durations are whole numbers of h, m, s or ms (GEP-2257), such as 1500ms or 1m30s',
    ],
    [
      'a backend timeout longer than the request timeout',
      { service: { timeout: '5s', backendTimeout: '10s' } },
      'service.backendTimeout',
      'service.backendTimeout must not exceed service.timeout on provider gatewayapi (got 10s > 5s): a request cannot wait on its backend longer than it may take in all',
    ],
    [
      "Istio's string-matched CORS origins",
      {
        service: {
          corsPolicy: { allowOrigins: [{ exact: 'https://example.com' }] },
        },
      },
      'service.corsPolicy.allowOrigins',
      "service.corsPolicy.allowOrigins is not supported by provider gatewayapi: Gateway API's CORS filter takes origins as written (a * matches any characters), not Istio's string matches, and Flagger drops them; list the origins in corsPolicy.allowOrigin",
    ],
    [
      'a CORS maxAge under a second',
      { service: { corsPolicy: { allowOrigin: ['*'], maxAge: '500ms' } } },
      'service.corsPolicy.maxAge',
      'service.corsPolicy.maxAge is not supported by provider gatewayapi as "500ms": Gateway API\'s CORS filter takes it in whole seconds, at least 1s',
    ],
    [
      'a prefix rewrite of a rule with two path matches',
      {
        service: {
          match: [{ uri: { prefix: '/api' } }, { uri: { prefix: '/v1' } }],
          rewrite: { uri: '/', type: 'ReplacePrefixMatch' },
        },
      },
      'service.rewrite.type',
      'service.rewrite.type ReplacePrefixMatch is not supported by provider gatewayapi with these matches: Gateway API replaces a matched prefix only in a rule with exactly one PathPrefix match, so service.match must be a single uri prefix (or absent) and analysis.match a single condition; use ReplaceFullPath, or fewer matches',
    ],
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
    [
      'a setHeaderRoute header matched by prefix',
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [
            {
              setHeaderRoute: {
                name: 'beta',
                match: [
                  { headerName: 'x-beta', headerValue: { exact: 'yes' } },
                  { headerName: 'user-agent', headerValue: { prefix: 'Moz' } },
                ],
              },
            },
          ],
        },
      },
      'analysis.steps[0].setHeaderRoute.match[1].headerValue.prefix',
      'analysis.steps[0].setHeaderRoute.match[1].headerValue.prefix is not supported by provider gatewayapi: Gateway API matches headers exactly or by regex, not by prefix; write it as a regex',
    ],
    [
      'a setMirrorRoute method matched by regex',
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
      'analysis.steps[0].setMirrorRoute.match[0].method is not supported by provider gatewayapi: Gateway API matches a method exactly; write it with exact',
    ],
    [
      'a setMirrorRoute header matched by prefix',
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [
            {
              setMirrorRoute: {
                name: 'copy',
                match: [{ headers: { 'x-copy': { prefix: 'y' } } }],
              },
            },
          ],
        },
      },
      'analysis.steps[0].setMirrorRoute.match[0].headers.x-copy.prefix',
      'analysis.steps[0].setMirrorRoute.match[0].headers.x-copy.prefix is not supported by provider gatewayapi: Gateway API matches headers exactly or by regex, not by prefix; write it as a regex',
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(gatewayApiRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
