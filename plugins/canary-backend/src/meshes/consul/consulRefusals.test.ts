import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { consulRefusals } from './consulRefusals';

const NOT_YET =
  "Vane's consul router does not write it to the ServiceRouter yet; remove it, or use provider istio";
const NO_MIRROR =
  "Consul's config entries cannot mirror requests: neither ServiceRouter nor ServiceSplitter has a field that copies traffic to another service";

describe('consulRefusals', () => {
  it.each<[string, Parameters<typeof podinfoCanary>[0]]>([
    ['weights', { provider: 'consul' }],
    ['the version Vane writes', { provider: 'consul:v1alpha1' }],
    [
      'A/B by header, cookie, query, path and method',
      {
        analysis: {
          iterations: 10,
          match: [
            { headers: { 'x-canary': { prefix: 'in' } } },
            {
              headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } },
            },
            {
              queryParams: { beta: { exact: 'on' } },
              uri: { prefix: '/api' },
              method: { exact: 'GET' },
            },
          ],
        },
      },
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
    ],
    [
      'header route steps',
      {
        analysis: {
          stepWeight: undefined,
          steps: [
            {
              setHeaderRoute: {
                name: 'insiders',
                match: [{ headerName: 'x-a', headerValue: { prefix: 'b' } }],
              },
            },
            { setWeight: 20 },
          ],
        },
      },
    ],
  ])('refuses nothing of a canary with %s', (_, overrides) => {
    expect(consulRefusals(podinfoCanary(overrides))).toEqual([]);
  });

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'another CRD version',
      { provider: 'consul:v2beta1' },
      'provider',
      "provider consul:v2beta1 is not supported: Vane's consul router writes consul.hashicorp.com/v1alpha1 ServiceSplitters, ServiceRouters and ServiceDefaults (the consul-k8s CRDs); use consul, consul:v1alpha1",
    ],
    [
      'mirroring',
      { analysis: { iterations: 10, mirror: true } },
      'analysis.mirror',
      `analysis.mirror is not supported by provider consul: ${NO_MIRROR}; use provider istio or gatewayapi`,
    ],
    [
      'a mirror route step',
      {
        analysis: {
          stepWeight: undefined,
          steps: [
            { setWeight: 10 },
            { setMirrorRoute: { name: 'm', match: [] } },
          ],
        },
      },
      'analysis.steps[1].setMirrorRoute',
      `analysis.steps[1].setMirrorRoute is not supported by provider consul: ${NO_MIRROR}; use setWeight, pause and setHeaderRoute steps, or provider istio or gatewayapi`,
    ],
    [
      'hosts',
      { service: { hosts: ['app.example.com'] } },
      'service.hosts',
      "service.hosts is not supported by provider consul: Consul routes a request by the service its client dials: the apex's ServiceRouter and ServiceSplitter apply to every client of it, under any host name; remove it",
    ],
    [
      'URI matches of the Service',
      { service: { match: [{ uri: { prefix: '/api' } }] } },
      'service.match',
      "service.match is not supported by provider consul: Consul routes a request by the service its client dials: the apex's ServiceRouter and ServiceSplitter apply to every client of it, under any host name, and requests a route does not match still reach the service; remove it, or use provider istio",
    ],
    [
      'Istio gateways',
      { service: { gateways: ['public-gateway'] } },
      'service.gateways',
      'service.gateways is not supported by provider consul: it lists the Istio gateways of a VirtualService; Consul routes the clients of the apex inside the mesh; remove it, or use provider istio',
    ],
    [
      'Gateway API gatewayRefs',
      { service: { gatewayRefs: [{ name: 'public' }] } },
      'service.gatewayRefs',
      'service.gatewayRefs is not supported by provider consul: it attaches a Gateway API HTTPRoute to Gateways, and Vane writes no route for Consul API Gateway; remove it, or use provider gatewayapi',
    ],
    [
      'a traffic policy',
      { service: { trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } } },
      'service.trafficPolicy',
      "service.trafficPolicy is not supported by provider consul: it is copied to Istio DestinationRules; set the load balancing in the Consul service's ServiceResolver, or use provider istio",
    ],
    [
      'delegation',
      { service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider consul: it makes the Istio VirtualService a delegate, and Consul config entries are not; remove it, or use provider istio',
    ],
    [
      'a CORS policy',
      { service: { corsPolicy: { allowOrigin: ['example.com'] } } },
      'service.corsPolicy',
      'service.corsPolicy is not supported by provider consul: Consul config entries have no CORS policy; remove it, or use provider istio or gatewayapi',
    ],
    [
      'a backend timeout',
      { service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      'service.backendTimeout is not supported by provider consul: it is a Gateway API rule timeout; remove it, or use provider gatewayapi',
    ],
    [
      'a rewrite',
      { service: { rewrite: { uri: '/' } } },
      'service.rewrite',
      `service.rewrite is not supported yet by provider consul: ${NOT_YET}`,
    ],
    [
      'a timeout',
      { service: { timeout: '5s' } },
      'service.timeout',
      `service.timeout is not supported yet by provider consul: ${NOT_YET}`,
    ],
    [
      'retries',
      { service: { retries: { attempts: 3 } } },
      'service.retries',
      `service.retries is not supported yet by provider consul: ${NOT_YET}`,
    ],
    [
      'headers',
      { service: { headers: { request: { set: { 'x-a': 'b' } } } } },
      'service.headers',
      `service.headers is not supported yet by provider consul: ${NOT_YET}`,
    ],
    [
      'a query parameter matched by prefix',
      {
        analysis: {
          iterations: 10,
          match: [{ queryParams: { beta: { prefix: 'o' } } }],
        },
      },
      'analysis.match[0].queryParams.beta',
      'analysis.match[0].queryParams.beta is not supported by provider consul: a ServiceRouter cannot match a query parameter by prefix; a ServiceRouter matches headers exactly, by prefix or by regex, query parameters exactly or by regex, the path exactly, by prefix or by regex, and methods exactly',
    ],
  ])('refuses %s by name', (_, overrides, field, message) => {
    expect(consulRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
