import { labGatewayObjects } from '../../../fixtures/labGatewayObjects';
import { findGatewayEntrance } from '../../findGatewayEntrance';
import type { GatewayEntrance } from '../../GatewayEntrance';
import { resolveNorthSouth } from '../../resolveNorthSouth';
import { routingObjectsOf } from '../../routingObjectsOf';
import type { ServiceLike } from '../../RoutingObjects';
import type { IngressRouteLike, TraefikServiceLike } from './TraefikObjects';

const services = (labGatewayObjects() as any[]).filter(o => o.kind === 'Service') as ServiceLike[];
const traefikPod = {
  namespace: 'traefik',
  name: 'traefik-6b7f-p9qz2',
  workload: 'traefik',
  labels: { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-traefik' },
};
const entrance = findGatewayEntrance('traefik/traefik', routingObjectsOf({ services, pods: [traefikPod] })) as GatewayEntrance;
const ingressRoute = (name: string, routes: NonNullable<IngressRouteLike['spec']>['routes']): IngressRouteLike => ({
  metadata: { name, namespace: 'test' },
  spec: { entryPoints: ['web'], routes },
});
/** The TraefikService Vane writes for podinfo, at 90/10. */
const weighted: TraefikServiceLike = {
  metadata: { name: 'podinfo', namespace: 'test' },
  spec: {
    weighted: {
      services: [
        { name: 'podinfo-primary', namespace: 'test', port: 9898, weight: 90 },
        { name: 'podinfo-canary', namespace: 'test', port: 9898, weight: 10 },
      ],
    },
  },
};
const leaf = (name: string, weight: number) => ({
  service: name,
  namespace: 'test',
  port: 9898,
  weight,
  traefikServiceName: `test-${name}-9898@kubernetescrd`,
});
const toPodinfo = [{ name: 'podinfo', namespace: 'test', kind: 'TraefikService' }];

describe('Traefik', () => {
  it("is the lab's traefik/traefik Service, entered at its Ready pod", () => {
    expect(entrance).toEqual({
      ref: 'traefik/traefik',
      kind: 'traefik',
      proxy: { workload: 'traefik', namespace: 'traefik', labels: traefikPod.labels },
      address: 'traefik.traefik.svc.cluster.local',
    });
  });

  it("routes the IngressRoute's Host to the TraefikService's weighted Services, named as Traefik reports them", () => {
    const objects = routingObjectsOf({
      ingressRoutes: [ingressRoute('podinfo', [{ match: 'Host(`app.example.com`)', kind: 'Rule', services: toPodinfo }])],
      traefikServices: [weighted],
    });
    expect(resolveNorthSouth(entrance, 'app.example.com', objects)).toEqual({
      source: { kind: 'IngressRoute', namespace: 'test', name: 'podinfo' },
      rules: [{ matches: [{}], backends: [leaf('podinfo-primary', 0.9), leaf('podinfo-canary', 0.1)] }],
    });
    expect(resolveNorthSouth(entrance, 'other.example.com', objects)).toBeUndefined();
  });

  it('leaves out a service of weight 0 and counts one without a weight as 1, as Traefik does', () => {
    const objects = routingObjectsOf({
      ingressRoutes: [ingressRoute('podinfo', [{ match: 'Host(`app.example.com`)', services: toPodinfo }])],
      traefikServices: [
        {
          metadata: { name: 'podinfo', namespace: 'test' },
          spec: {
            weighted: {
              services: [
                { name: 'podinfo-primary', port: 9898 },
                { name: 'podinfo-canary', port: 9898, weight: 0 },
              ],
            },
          },
        },
      ],
    });
    expect(resolveNorthSouth(entrance, 'app.example.com', objects)?.rules[0].backends).toEqual([leaf('podinfo-primary', 1)]);
  });

  it('serves from the main service of a mirroring TraefikService and mirrors its percent to the mirror', () => {
    const objects = routingObjectsOf({
      ingressRoutes: [ingressRoute('podinfo', [{ match: 'Host(`app.example.com`)', services: toPodinfo }])],
      traefikServices: [
        {
          metadata: { name: 'podinfo', namespace: 'test' },
          spec: {
            mirroring: {
              name: 'podinfo-primary',
              namespace: 'test',
              port: 9898,
              mirrors: [{ name: 'podinfo-canary', namespace: 'test', port: 9898, percent: 50 }],
            },
          },
        },
      ],
    });
    expect(resolveNorthSouth(entrance, 'app.example.com', objects)?.rules).toEqual([
      { matches: [{}], backends: [leaf('podinfo-primary', 1)], mirror: { backend: leaf('podinfo-canary', 100), percent: 50 } },
    ]);
  });

  it('orders the routes of a Host by priority, the longest rule first without one, and matches the rest of each rule', () => {
    const objects = routingObjectsOf({
      ingressRoutes: [
        ingressRoute('site', [
          { match: 'Host(`app.example.com`)', services: [{ name: 'site', port: 80 }] },
          { match: 'Host(`app.example.com`) && PathPrefix(`/api`)', services: [{ name: 'api', port: 80 }] },
        ]),
        ingressRoute('beta', [
          {
            match: 'Host(`app.example.com`) && Header(`X-Canary`, `insider`) && Method(`GET`)',
            priority: 1000,
            services: [{ name: 'beta', port: 80 }],
          },
        ]),
      ],
    });
    const rules = resolveNorthSouth(entrance, 'app.example.com', objects)!.rules;
    expect(rules.map(r => [r.backends.map(b => b.service), r.matches])).toEqual([
      [['beta'], [{ headers: [{ name: 'x-canary', match: { exact: 'insider' } }], method: 'GET' }]],
      [['api'], [{ path: { prefix: '/api' } }]],
      [['site'], [{}]],
    ]);
  });
});
