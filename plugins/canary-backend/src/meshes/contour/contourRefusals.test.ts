import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { contourRefusals } from './contourRefusals';

const contour = (overrides: Parameters<typeof podinfoCanary>[0] = {}) =>
  podinfoCanary({ provider: 'contour', ...overrides });
const messages = (overrides: Parameters<typeof podinfoCanary>[0]) =>
  contourRefusals(contour(overrides)).map(r => r.message);
const AB = { iterations: 10, stepWeight: undefined, maxWeight: undefined };
const ROOT_PROXY =
  'the HTTPProxy Vane writes has no virtualhost: your root HTTPProxy includes it and holds the host, TLS and CORS settings; set it there';

describe('contourRefusals', () => {
  it("refuses nothing of Flagger's Contour walkthrough: a prefix, timeout, retries, A/B by header or cookie, and mirroring", () => {
    expect(
      contourRefusals(
        contour({
          service: {
            match: [{ uri: { prefix: '/api' } }],
            timeout: '15s',
            retries: { attempts: 3, perTryTimeout: '5s', retryOn: '5xx' },
          },
        }),
      ),
    ).toEqual([]);
    expect(
      contourRefusals(
        contour({
          analysis: {
            ...AB,
            match: [
              { headers: { 'x-canary': { exact: 'insider' } } },
              { headers: { cookie: { suffix: 'insider' } } },
            ],
          },
        }),
      ),
    ).toEqual([]);
    expect(
      contourRefusals(
        contour({ analysis: { mirror: true, mirrorWeight: 50 } }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof podinfoCanary>[0], string]>([
    [
      'hosts',
      { service: { hosts: ['app.example.com'] } },
      `service.hosts is not supported by provider contour: ${ROOT_PROXY}`,
    ],
    [
      'a CORS policy',
      { service: { corsPolicy: { allowOrigin: ['*'] } } },
      `service.corsPolicy is not supported by provider contour: ${ROOT_PROXY}`,
    ],
    [
      'Istio gateways',
      { service: { gateways: ['public-gateway'] } },
      'service.gateways is not supported by provider contour: it lists the Istio gateways of a VirtualService; the HTTPProxy is served by Contour wherever your root HTTPProxy includes it',
    ],
    [
      'a backend timeout',
      { service: { backendTimeout: '2s' } },
      "service.backendTimeout is not supported by provider contour: an HTTPProxy route has a response timeout (service.timeout) and a per-try timeout (service.retries.perTryTimeout), no backend timeout of Gateway API's; use those",
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
      "analysis.sessionAffinity is not supported yet by provider contour: Vane's HTTPProxy sets no cookie on the canary's answers; use provider istio or gatewayapi",
    ],
    [
      'a rewrite',
      { service: { rewrite: { uri: '/' } } },
      "service.rewrite is not supported yet by provider contour: Vane's HTTPProxy rewrites no path; remove it, or use provider istio or gatewayapi",
    ],
    [
      'a service match other than one prefix',
      { service: { match: [{ uri: { exact: '/api' } }] } },
      'service.match is not supported by provider contour other than as one URI prefix ([{uri: {prefix: /api}}]): it is the prefix of every route of the HTTPProxy, as Flagger reads it; match other conditions in your root HTTPProxy',
    ],
    [
      "retry conditions Contour doesn't know",
      {
        service: {
          retries: { attempts: 2, retryOn: '5xx,retriable-status-codes,503' },
        },
      },
      'service.retries.retryOn is not supported by provider contour with 503: Contour retries on 5xx, gateway-error, reset, connect-failure, retriable-4xx, refused-stream, retriable-status-codes, retriable-headers, cancelled, deadline-exceeded, internal, resource-exhausted, unavailable',
    ],
    [
      'an A/B match on the method',
      { analysis: { ...AB, match: [{ method: { exact: 'POST' } }] } },
      'analysis.match[0].method is not supported by provider contour: an HTTPProxy route matches the path and headers only, not method',
    ],
    [
      'an A/B URI beside a service prefix',
      {
        service: { match: [{ uri: { prefix: '/api' } }] },
        analysis: { ...AB, match: [{ uri: { prefix: '/api/v2' } }] },
      },
      'analysis.match[0].uri is not supported by provider contour: an HTTPProxy route has one path condition, and spec.service.match gives it the prefix /api already; match the path in one of them',
    ],
    [
      'a version',
      { provider: 'contour:v1' },
      "provider contour:v1 is not supported: Vane's contour router writes projectcontour.io/v1 HTTPProxies; use contour",
    ],
  ])('refuses %s', (_, overrides, message) => {
    expect(messages(overrides)).toEqual([message]);
  });

  it('refuses a mirror route matching a method, which an HTTPProxy route cannot', () => {
    expect(
      messages({
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [
            { setWeight: 10 },
            {
              setMirrorRoute: {
                name: 'copy',
                match: [{ method: { exact: 'GET' } }],
              },
            },
          ],
        },
      }),
    ).toEqual([
      'analysis.steps[1].setMirrorRoute.match[0].method is not supported by provider contour: an HTTPProxy route matches the path and headers only, not method',
    ]);
  });
});
