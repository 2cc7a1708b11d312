import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { InMemoryCluster } from '../../testing/InMemoryCluster';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { GlooRouter } from './GlooRouter';

const ROUTE_TABLE = {
  apiVersion: 'gateway.solo.io/v1',
  kind: 'RouteTable',
  namespace: 'test',
  name: 'podinfo',
};
const upstreamRef = (role: string) => ({
  apiVersion: 'gloo.solo.io/v1',
  kind: 'Upstream',
  namespace: 'test',
  name: `test-podinfo-${role}upstream-9898`,
});
const destinations = (primaryWeight: number, canaryWeight: number) => [
  {
    destination: {
      upstream: {
        name: 'test-podinfo-primaryupstream-9898',
        namespace: 'test',
      },
    },
    weight: primaryWeight,
  },
  {
    destination: {
      upstream: { name: 'test-podinfo-canaryupstream-9898', namespace: 'test' },
    },
    weight: canaryWeight,
  },
];

function setup() {
  const cluster = new InMemoryCluster('lab', [
    'gateway.solo.io',
    'gloo.solo.io',
  ]);
  const router = new GlooRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('GlooRouter', () => {
  it('creates both Upstreams, then the RouteTable at 100/0, and a second reconcile writes nothing', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes.map(w => [w.verb, w.ref])).toEqual([
      ['create', upstreamRef('primary')],
      ['create', upstreamRef('canary')],
      ['create', ROUTE_TABLE],
    ]);
    expect(cluster.find(ROUTE_TABLE)).toMatchObject({
      metadata: { ownerReferences: [PODINFO_OWNER] },
      spec: {
        routes: [
          {
            inheritablePathMatchers: true,
            routeAction: { multi: { destinations: destinations(100, 0) } },
          },
        ],
      },
    });
    cluster.clearWrites();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes).toEqual([]);
  });

  it('shifts to 20/80 with one patch of the destinations, reads it back, and keeps it when reconciled again', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    cluster.clearWrites();

    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 20,
      canaryWeight: 80,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: ROUTE_TABLE,
        patch: {
          spec: {
            routes: [
              {
                inheritablePathMatchers: true,
                routeAction: { multi: { destinations: destinations(20, 80) } },
              },
            ],
          },
        },
      },
    ]);
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 20,
      canaryWeight: 80,
      mirrored: false,
    });
    cluster.clearWrites();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes).toEqual([]);
  });

  it('reads mirroring back from the shadowing option', async () => {
    const { router } = setup();
    const canary = podinfoCanary({
      analysis: { iterations: 5, mirror: true },
    });
    await router.reconcile(canary);
    await router.setRoutes(canary, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    });
    expect(await router.getRoutes(canary)).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    });
  });

  it('deletes the RouteTable and both Upstreams it created when finalized', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    cluster.clearWrites();
    await router.finalize(podinfoCanary());
    expect(cluster.writes).toEqual([
      { verb: 'delete', ref: ROUTE_TABLE },
      { verb: 'delete', ref: upstreamRef('primary') },
      { verb: 'delete', ref: upstreamRef('canary') },
    ]);
  });

  it('given a Canary it refuses, reconcile writes nothing', async () => {
    const { cluster, router } = setup();
    const canary = podinfoCanary({ service: { hosts: ['app.example.com'] } });
    await expect(router.reconcile(canary)).rejects.toBeInstanceOf(
      UnsupportedRoutingError,
    );
    expect(cluster.writes).toEqual([]);
  });

  it('given no RouteTable, getRoutes says what is missing', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'RouteTable test/podinfo in cluster lab is missing or has no route to Upstream test-podinfo-canaryupstream-9898; reconcile the Canary to create it',
    );
  });
});
