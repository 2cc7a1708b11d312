import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { buildAppMeshObjects } from './buildAppMeshObjects';

const PODS = {
  primary: { app: 'podinfo-primary' },
  canary: { app: 'podinfo' },
};
const AT = (canaryWeight: number) => ({
  primaryWeight: 100 - canaryWeight,
  canaryWeight,
  mirrored: false,
});
const target = (name: string, weight: number) => ({
  virtualNodeRef: { name },
  weight,
});
const owned = (name: string) => ({
  name,
  namespace: 'test',
  ownerReferences: [PODINFO_OWNER],
});
const listener = { portMapping: { port: 9898, protocol: 'http' } };

describe('buildAppMeshObjects', () => {
  it("given the seed canary at weight 60, writes Flagger's VirtualNodes, VirtualRouters and VirtualServices, canary target first", () => {
    expect(buildAppMeshObjects(podinfoCanary(), AT(60), PODS)).toEqual([
      {
        apiVersion: 'appmesh.k8s.aws/v1beta2',
        kind: 'VirtualNode',
        metadata: owned('podinfo-primary'),
        spec: {
          listeners: [listener],
          serviceDiscovery: {
            dns: { hostname: 'podinfo-primary.test.svc.cluster.local.' },
          },
          podSelector: { matchLabels: { app: 'podinfo-primary' } },
        },
      },
      {
        apiVersion: 'appmesh.k8s.aws/v1beta2',
        kind: 'VirtualNode',
        metadata: owned('podinfo-canary'),
        spec: {
          listeners: [listener],
          serviceDiscovery: {
            dns: { hostname: 'podinfo-canary.test.svc.cluster.local.' },
          },
          podSelector: { matchLabels: { app: 'podinfo' } },
        },
      },
      {
        apiVersion: 'appmesh.k8s.aws/v1beta2',
        kind: 'VirtualRouter',
        metadata: owned('podinfo'),
        spec: {
          listeners: [listener],
          routes: [
            {
              name: 'podinfo',
              httpRoute: {
                match: { prefix: '/' },
                action: {
                  weightedTargets: [
                    target('podinfo-canary', 60),
                    target('podinfo-primary', 40),
                  ],
                },
              },
            },
          ],
        },
      },
      {
        apiVersion: 'appmesh.k8s.aws/v1beta2',
        kind: 'VirtualService',
        metadata: owned('podinfo'),
        spec: {
          provider: {
            virtualRouter: { virtualRouterRef: { name: 'podinfo' } },
          },
        },
      },
      {
        apiVersion: 'appmesh.k8s.aws/v1beta2',
        kind: 'VirtualRouter',
        metadata: owned('podinfo-canary'),
        spec: {
          listeners: [listener],
          routes: [
            {
              name: 'podinfo-canary',
              httpRoute: {
                match: { prefix: '/' },
                action: {
                  weightedTargets: [
                    target('podinfo-canary', 100),
                    target('podinfo-primary', 0),
                  ],
                },
              },
            },
          ],
        },
      },
      {
        apiVersion: 'appmesh.k8s.aws/v1beta2',
        kind: 'VirtualService',
        metadata: owned('podinfo-canary'),
        spec: {
          provider: {
            virtualRouter: { virtualRouterRef: { name: 'podinfo-canary' } },
          },
        },
      },
    ]);
  });

  it('given a timeout, retries, backends, a URI prefix, hosts, apex metadata, a target port and the access log annotation, writes each where Flagger does', () => {
    const canary = podinfoCanary({
      service: {
        targetPort: 8080,
        timeout: '30s',
        retries: {
          attempts: 3,
          perTryTimeout: '5s',
          retryOn: 'gateway-error,client-error',
        },
        backends: [
          'backend.test',
          'arn:aws:appmesh:eu-west-1:1:mesh/m/virtualService/s',
        ],
        match: [{ uri: { prefix: '/api' } }],
        hosts: ['app.example.com', 'www.example.com'],
        apex: { labels: { team: 'a' }, annotations: { note: 'x' } },
      },
    });
    canary.metadata.annotations = {
      'appmesh.flagger.app/accesslog': 'enabled',
    };
    const [primaryNode, , apexRouter, apexService] = buildAppMeshObjects(
      canary,
      AT(0),
      PODS,
    );
    expect(primaryNode.metadata).toEqual({
      ...owned('podinfo-primary'),
      labels: { team: 'a' },
      annotations: { note: 'x' },
    });
    expect(primaryNode.spec).toEqual({
      listeners: [
        {
          portMapping: { port: 8080, protocol: 'http' },
          timeout: { http: { perRequest: { unit: 'ms', value: 30000 } } },
        },
      ],
      serviceDiscovery: {
        dns: { hostname: 'podinfo-primary.test.svc.cluster.local.' },
      },
      podSelector: { matchLabels: { app: 'podinfo-primary' } },
      backends: [
        { virtualService: { virtualServiceRef: { name: 'backend.test' } } },
        {
          virtualService: {
            virtualServiceARN:
              'arn:aws:appmesh:eu-west-1:1:mesh/m/virtualService/s',
          },
        },
      ],
      logging: { accessLog: { file: { path: '/dev/stdout' } } },
    });
    expect(apexRouter.spec).toEqual({
      listeners: [{ portMapping: { port: 8080, protocol: 'http' } }],
      routes: [
        {
          name: 'podinfo',
          httpRoute: {
            match: { prefix: '/api' },
            timeout: { perRequest: { unit: 'ms', value: 30000 } },
            retryPolicy: {
              perRetryTimeout: { unit: 'ms', value: 5000 },
              maxRetries: 3,
              httpRetryEvents: ['gateway-error', 'client-error'],
            },
            action: {
              weightedTargets: [
                target('podinfo-canary', 0),
                target('podinfo-primary', 100),
              ],
            },
          },
        },
      ],
    });
    expect(apexService.metadata.annotations).toEqual({
      'gateway.appmesh.k8s.aws/expose': 'true',
      'gateway.appmesh.k8s.aws/domain': 'app.example.com,www.example.com',
      'gateway.appmesh.k8s.aws/timeout': '30s',
      'gateway.appmesh.k8s.aws/retries': '3',
    });
  });

  it("given retries without values, writes Flagger's defaults: one retry on gateway-error after 250ms", () => {
    const [, , apexRouter] = buildAppMeshObjects(
      podinfoCanary({ service: { retries: { attempts: 0 } } }),
      AT(0),
      PODS,
    );
    expect((apexRouter.spec as any).routes[0].httpRoute.retryPolicy).toEqual({
      perRetryTimeout: { unit: 'ms', value: 250 },
      maxRetries: 1,
      httpRetryEvents: ['gateway-error'],
    });
  });

  it('given A/B by header and by cookie, routes each condition to the weights by priority and everything else to the primary', () => {
    const canary = podinfoCanary({
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        iterations: 10,
        match: [
          {
            headers: { 'x-canary': { exact: 'insider' } },
            method: { exact: 'GET' },
          },
          { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
        ],
      },
    });
    const [, , apexRouter, , canaryRouter] = buildAppMeshObjects(
      canary,
      AT(100),
      PODS,
    );
    expect((apexRouter.spec as any).routes).toEqual([
      {
        name: 'podinfo-a',
        priority: 10,
        httpRoute: {
          match: {
            prefix: '/',
            headers: [{ name: 'x-canary', match: { exact: 'insider' } }],
            method: 'GET',
          },
          action: {
            weightedTargets: [
              target('podinfo-canary', 100),
              target('podinfo-primary', 0),
            ],
          },
        },
      },
      {
        name: 'podinfo-a2',
        priority: 11,
        httpRoute: {
          match: {
            prefix: '/',
            headers: [
              {
                name: 'cookie',
                match: { regex: '^(.*?;)?(canary=always)(;.*)?$' },
              },
            ],
          },
          action: {
            weightedTargets: [
              target('podinfo-canary', 100),
              target('podinfo-primary', 0),
            ],
          },
        },
      },
      {
        name: 'podinfo-b',
        priority: 20,
        httpRoute: {
          match: { prefix: '/' },
          action: { weightedTargets: [target('podinfo-primary', 100)] },
        },
      },
    ]);
    // The canary's own VirtualService stays all canary.
    expect((canaryRouter.spec as any).routes[0].httpRoute.action).toEqual({
      weightedTargets: [
        target('podinfo-canary', 100),
        target('podinfo-primary', 0),
      ],
    });
  });

  it("given Argo Rollouts' header routes in effect, routes each match to the canary ahead of the weights", () => {
    const canary = podinfoCanary({
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        steps: [
          { setWeight: 10 },
          { setHeaderRoute: { name: 'beta', match: [] } },
        ],
      },
    });
    const [, , apexRouter] = buildAppMeshObjects(
      canary,
      {
        ...AT(10),
        headerRoutes: [
          {
            name: 'beta',
            match: [
              { headerName: 'x-beta', headerValue: { exact: 'yes' } },
              { headerName: 'x-group', headerValue: { prefix: 'qa-' } },
            ],
          },
        ],
      },
      PODS,
    );
    expect((apexRouter.spec as any).routes).toEqual([
      {
        name: 'podinfo',
        priority: 1000,
        httpRoute: {
          match: { prefix: '/' },
          action: {
            weightedTargets: [
              target('podinfo-canary', 10),
              target('podinfo-primary', 90),
            ],
          },
        },
      },
      {
        name: 'podinfo-beta-1',
        priority: 0,
        httpRoute: {
          match: {
            prefix: '/',
            headers: [{ name: 'x-beta', match: { exact: 'yes' } }],
          },
          action: { weightedTargets: [target('podinfo-canary', 100)] },
        },
      },
      {
        name: 'podinfo-beta-2',
        priority: 1,
        httpRoute: {
          match: {
            prefix: '/',
            headers: [{ name: 'x-group', match: { prefix: 'qa-' } }],
          },
          action: { weightedTargets: [target('podinfo-canary', 100)] },
        },
      },
    ]);
  });

  it('given mirroring, refuses it before building anything', () => {
    const build = () =>
      buildAppMeshObjects(
        podinfoCanary({ analysis: { mirror: true } }),
        AT(0),
        PODS,
      );
    expect(build).toThrow(UnsupportedRoutingError);
    expect(build).toThrow(
      'Canary test/podinfo: analysis.mirror is not supported by provider appmesh: App Mesh cannot mirror traffic (a route only splits it by weight); remove it, or use provider istio or gatewayapi',
    );
  });
});
