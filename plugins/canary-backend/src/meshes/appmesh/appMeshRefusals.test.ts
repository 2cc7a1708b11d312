import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { appMeshRefusals } from './appMeshRefusals';

const ROUTE_ONLY =
  'an App Mesh VirtualRouter route carries a path prefix, header matches, weighted targets, a timeout and a retry policy only';
const AB = {
  iterations: 10,
  stepWeight: undefined,
  maxWeight: undefined,
};

describe('appMeshRefusals', () => {
  it.each(['appmesh', 'appmesh:v1beta2'])(
    'refuses nothing App Mesh routes carry (provider %s): weights, header and method A/B, a URI prefix, a timeout, retries, hosts, backends, header routes',
    provider => {
      expect(
        appMeshRefusals(
          podinfoCanary({
            provider,
            service: {
              match: [{ uri: { prefix: '/api' } }],
              timeout: '5s',
              retries: { attempts: 2, retryOn: 'gateway-error, server-error' },
              hosts: ['app.example.com'],
              backends: ['backend.test'],
            },
          }),
        ),
      ).toEqual([]);
      expect(
        appMeshRefusals(
          podinfoCanary({
            provider,
            analysis: {
              ...AB,
              match: [
                {
                  headers: {
                    'x-canary': { exact: 'insider' },
                    'user-agent': { suffix: 'Firefox' },
                  },
                  method: { exact: 'GET' },
                },
                {
                  headers: {
                    cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' },
                  },
                },
              ],
            },
          }),
        ),
      ).toEqual([]);
    },
  );

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'mirroring',
      { analysis: { mirror: true } },
      'analysis.mirror',
      'analysis.mirror is not supported by provider appmesh: App Mesh cannot mirror traffic (a route only splits it by weight); remove it, or use provider istio or gatewayapi',
    ],
    [
      'session affinity',
      { analysis: { sessionAffinity: { cookieName: 'flagger-cookie' } } },
      'analysis.sessionAffinity',
      'analysis.sessionAffinity is not supported by provider appmesh: App Mesh routes set no cookies, so they cannot keep a user on the canary (sticky sessions); remove it, or use provider istio or gatewayapi',
    ],
    [
      'Istio gateways',
      { service: { gateways: ['mesh'] } },
      'service.gateways',
      'service.gateways is not supported by provider appmesh: it lists the Istio gateways of a VirtualService; with App Mesh, expose the apex through the App Mesh gateway (service.hosts); remove it',
    ],
    [
      'Gateway API gatewayRefs',
      { service: { gatewayRefs: [{ name: 'public' }] } },
      'service.gatewayRefs',
      'service.gatewayRefs is not supported by provider appmesh: it attaches a Gateway API HTTPRoute, which provider appmesh does not write; remove it, or use provider gatewayapi',
    ],
    [
      'a rewrite',
      { service: { rewrite: { uri: '/' } } },
      'service.rewrite',
      `service.rewrite is not supported by provider appmesh: ${ROUTE_ONLY}, no rewrite; remove it, or use provider istio or gatewayapi`,
    ],
    [
      'header operations',
      { service: { headers: { request: { set: { a: 'b' } } } } },
      'service.headers',
      `service.headers is not supported by provider appmesh: ${ROUTE_ONLY}, no header operations; remove it, or use provider istio or gatewayapi`,
    ],
    [
      'a CORS policy',
      { service: { corsPolicy: { allowMethods: ['GET'] } } },
      'service.corsPolicy',
      `service.corsPolicy is not supported by provider appmesh: ${ROUTE_ONLY}, no CORS policy; remove it, or use provider istio or gatewayapi`,
    ],
    [
      'a backend timeout',
      { service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      `service.backendTimeout is not supported by provider appmesh: ${ROUTE_ONLY}: its one timeout is service.timeout; remove it`,
    ],
    [
      'a traffic policy',
      { service: { trafficPolicy: { tls: { mode: 'DISABLE' } } } },
      'service.trafficPolicy',
      'service.trafficPolicy is not supported by provider appmesh: it is copied to Istio DestinationRules, which provider appmesh does not write; set TLS and connection pools on the VirtualNodes through App Mesh, and remove it',
    ],
    [
      'Istio delegation',
      { service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider appmesh: it makes the Istio VirtualService a delegate, and App Mesh has none; remove it, or use provider istio',
    ],
    [
      'a URI match other than one prefix',
      { service: { match: [{ uri: { exact: '/api' } }] } },
      'service.match',
      'service.match is not supported by provider appmesh other than as one uri prefix: App Mesh routes carry a single path prefix (as Flagger writes it); keep one match with uri.prefix, or use provider istio or gatewayapi',
    ],
    [
      'an A/B query parameter match',
      {
        analysis: { ...AB, match: [{ queryParams: { beta: { exact: '1' } } }] },
      },
      'analysis.match[0].queryParams',
      "analysis.match[0].queryParams is not supported by provider appmesh: its A/B routes match headers and an exact method (the path prefix is service.match's); remove it, or use provider istio or gatewayapi",
    ],
    [
      'an A/B header match App Mesh has no kind for',
      {
        analysis: {
          ...AB,
          match: [{ headers: { 'x-canary': { present: true } } }],
        },
      },
      'analysis.match[0].headers.x-canary',
      'analysis.match[0].headers.x-canary is not supported by provider appmesh: App Mesh matches a header by one of exact, prefix, suffix or regex; write it with one of them',
    ],
    [
      'retry events App Mesh does not know',
      {
        service: {
          retries: {
            attempts: 2,
            retryOn: '5xx,gateway-error,connect-failure',
          },
        },
      },
      'service.retries.retryOn',
      'service.retries.retryOn is not supported by provider appmesh with 5xx, connect-failure: App Mesh retries on the HTTP events server-error, gateway-error, client-error, stream-error; list those (comma-separated), or leave it out for gateway-error',
    ],
    [
      'a gRPC port',
      { service: { portName: 'grpc-api' } },
      'service.portName',
      'service.portName is not supported yet by provider appmesh as "grpc-api": a port named grpc makes App Mesh listeners gRPC, whose VirtualRouters route by grpcRoute, which Vane does not write yet (Flagger writes httpRoutes there, which App Mesh does not serve); name the port without grpc to route it as HTTP',
    ],
    [
      "Flagger's appmesh:v1beta1",
      { provider: 'appmesh:v1beta1' },
      'provider',
      "provider appmesh:v1beta1 is not supported: Vane's appmesh router writes appmesh.k8s.aws/v1beta2 VirtualNodes, VirtualRouters and VirtualServices (the App Mesh controller v1.0 and later); use appmesh, appmesh:v1beta2",
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
      'analysis.steps[0].setMirrorRoute is not supported by provider appmesh: App Mesh cannot mirror requests to the canary; use setWeight, setHeaderRoute and pause steps, or provider istio or gatewayapi',
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(appMeshRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });
});
