import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { nginxRefusals } from './nginxRefusals';
import { nginxCanary } from './testing/nginxCanary';

const AB = { iterations: 10, stepWeight: undefined, maxWeight: undefined };
const IN_THE_INGRESS =
  'the canary Ingress is a copy of the Ingress ingressRef names, whose rules, hosts and annotations route the traffic; set it on that Ingress, or use provider istio or gatewayapi';
const messages = (canary: ReturnType<typeof nginxCanary>) =>
  nginxRefusals(canary).map(r => r.message);

describe('nginxRefusals', () => {
  it("refuses nothing of Flagger's nginx walkthrough: weights, or A/B by one header and one cookie", () => {
    expect(nginxRefusals(nginxCanary())).toEqual([]);
    expect(
      nginxRefusals(
        nginxCanary({
          analysis: {
            ...AB,
            match: [
              { headers: { 'x-canary': { exact: 'insider' } } },
              { headers: { cookie: { exact: 'canary' } } },
            ],
          },
        }),
      ),
    ).toEqual([]);
  });

  it('requires ingressRef, saying what to write', () => {
    expect(nginxRefusals(podinfoCanary({ provider: 'nginx' }))).toEqual([
      {
        field: 'ingressRef',
        message:
          "ingressRef is required by provider nginx: it names the Ingress (networking.k8s.io/v1, in the Canary's namespace) whose canary copy <ingress>-canary takes the canary's share; set ingressRef: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: <your Ingress>}",
      },
    ]);
  });

  it.each<[string, Array<Record<string, unknown>>, string]>([
    [
      'two headers',
      [
        { headers: { 'x-canary': { exact: 'insider' } } },
        { headers: { 'x-beta': { exact: 'yes' } } },
      ],
      'analysis.match[1].headers.x-beta is not supported by provider nginx: ingress-nginx sends to the canary the requests with one header (canary-by-header) or one cookie (canary-by-cookie), either of them, and this is a second header',
    ],
    [
      'two conditions that must hold together',
      [
        {
          headers: {
            'x-canary': { exact: 'insider' },
            cookie: { exact: 'canary' },
          },
        },
      ],
      'analysis.match[0].headers is not supported by provider nginx: ingress-nginx sends to the canary the requests with one header (canary-by-header) or one cookie (canary-by-cookie), either of them, so each match entry holds one header or cookie condition (got 2)',
    ],
    [
      'a cookie matched by value',
      [{ headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } }],
      "analysis.match[0].headers.cookie is not supported by provider nginx: ingress-nginx routes by a cookie's name (canary-by-cookie: a request whose cookie of that name is `always` goes to the canary); write the cookie's name as exact, e.g. cookie: {exact: canary}",
    ],
    [
      'a URI',
      [{ uri: { prefix: '/api' } }],
      'analysis.match[0].uri is not supported by provider nginx: ingress-nginx sends to the canary the requests with one header (canary-by-header) or one cookie (canary-by-cookie), either of them; it cannot match on uri',
    ],
  ])('refuses an A/B match with %s', (_, match, message) => {
    expect(messages(nginxCanary({ analysis: { ...AB, match } }))).toEqual([
      message,
    ]);
  });

  it.each<[string, Parameters<typeof nginxCanary>[0], string]>([
    [
      'mirroring',
      { analysis: { ...AB, mirror: true } },
      "analysis.mirror is not supported by provider nginx: ingress-nginx mirrors only with the Ingress's own mirror-target annotation (all of its requests), and Flagger's nginx router does not mirror either; remove it, or use provider istio or gatewayapi",
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
      "analysis.sessionAffinity is not supported by provider nginx: ingress-nginx cannot set a cookie on the canary's answers without a configuration snippet, which it disables by default, so it cannot keep users on the canary; use provider istio or gatewayapi",
    ],
    [
      'a timeout',
      { service: { timeout: '5s' } },
      `service.timeout is not supported by provider nginx: ${IN_THE_INGRESS}`,
    ],
    [
      'hosts',
      { service: { hosts: ['app.example.com'] } },
      `service.hosts is not supported by provider nginx: ${IN_THE_INGRESS}`,
    ],
    [
      'a version',
      { provider: 'nginx:v1' },
      "provider nginx:v1 is not supported: Vane's nginx router writes networking.k8s.io/v1 canary Ingresses for ingress-nginx; use nginx",
    ],
  ])('refuses %s', (_, overrides, message) => {
    expect(messages(nginxCanary(overrides))).toEqual([message]);
  });

  const steps = (...list: Array<Record<string, unknown>>) =>
    nginxCanary({
      analysis: { stepWeight: undefined, maxWeight: undefined, steps: list },
    });

  it('takes setWeight, pause and one header route of one header, set and removed', () => {
    expect(
      nginxRefusals(
        steps(
          { setWeight: 10 },
          {
            setHeaderRoute: {
              name: 'beta',
              match: [{ headerName: 'x-beta', headerValue: { regex: 'y.s' } }],
            },
          },
          { pause: {} },
          { setHeaderRoute: { name: 'beta' } },
          { setWeight: 50 },
        ),
      ),
    ).toEqual([]);
  });

  it('refuses mirror routes, a second header route and a header route of two matches', () => {
    expect(
      messages(
        steps(
          {
            setHeaderRoute: {
              name: 'beta',
              match: [
                { headerName: 'x-beta', headerValue: { exact: 'yes' } },
                { headerName: 'x-alpha', headerValue: { exact: 'yes' } },
              ],
            },
          },
          {
            setHeaderRoute: {
              name: 'gamma',
              match: [{ headerName: 'x-gamma', headerValue: { exact: 'yes' } }],
            },
          },
          {
            setMirrorRoute: {
              name: 'copy',
              match: [{ path: { prefix: '/' } }],
            },
          },
        ),
      ),
    ).toEqual([
      'analysis.steps[0].setHeaderRoute.match is not supported by provider nginx with 2 matches: ingress-nginx sends to the canary the requests of one header (canary-by-header); keep one match',
      'analysis.steps[1].setHeaderRoute.name is not supported by provider nginx as a second header route ("gamma" beside "beta"): the canary Ingress carries one header (canary-by-header); set and remove one header route',
      "analysis.steps[2].setMirrorRoute is not supported by provider nginx: ingress-nginx cannot mirror requests to the canary's copy of the Ingress; use setWeight, pause and setHeaderRoute steps, or provider istio or gatewayapi",
    ]);
  });
});
