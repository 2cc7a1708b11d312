import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { GatewayApiRouter } from './GatewayApiRouter';

const ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'HTTPRoute',
  namespace: 'test',
  name: 'podinfo',
};

function setup() {
  const cluster = new InMemoryCluster();
  const router = new GatewayApiRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('GatewayApiRouter', () => {
  it('walks the seed rollout: creates the route at 100/0, then reads back 80/20, 60/40, 40/60, 20/80 and back to 100/0', async () => {
    const { cluster, router } = setup();
    const canary = podinfoCanary();

    await router.reconcile(canary);
    expect(
      cluster.writes.map(w => `${w.verb} ${w.ref.kind} ${w.ref.name}`),
    ).toEqual(['create HTTPRoute podinfo']);
    expect(await router.getRoutes(canary)).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });

    const seen: number[] = [];
    for (const weight of [20, 40, 60, 80, 0]) {
      await router.setRoutes(canary, {
        primaryWeight: 100 - weight,
        canaryWeight: weight,
        mirrored: false,
      });
      await router.reconcile(canary); // a tick in between must not reset the weights
      seen.push((await router.getRoutes(canary)).canaryWeight);
    }
    expect(seen).toEqual([20, 40, 60, 80, 0]);
    expect(cluster.writes.filter(w => w.verb === 'patch')).toHaveLength(5);
  });

  it('given mirroring, getRoutes reports it', async () => {
    const { router } = setup();
    const canary = podinfoCanary({ analysis: { iterations: 3, mirror: true } });
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

  it('finalize deletes the HTTPRoute it created', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    await router.finalize(podinfoCanary());
    expect(cluster.find(ROUTE)).toBeUndefined();
  });

  it('given no HTTPRoute, getRoutes says what is missing', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'HTTPRoute test/podinfo in cluster lab is missing or has no backendRef to podinfo-canary; reconcile the Canary to create it',
    );
  });

  it("given a new service.apex, brings the route's labels to it and adds its annotations, keeping others' annotations, in one patch", async () => {
    const { cluster, router } = setup();
    await router.reconcile(
      podinfoCanary({ service: { apex: { labels: { team: 'reviews' } } } }),
    );
    // Another controller annotates and labels the route Vane created.
    await cluster.writer.patch(ROUTE, {
      metadata: {
        labels: { stray: 'x' },
        annotations: { 'gateway.example.com/status': 'programmed' },
      },
    });
    cluster.clearWrites();

    await router.reconcile(
      podinfoCanary({
        service: {
          apex: {
            labels: { team: 'ratings' },
            annotations: { 'example.com/owner': 'ratings' },
          },
        },
      }),
    );

    expect(cluster.writes.map(w => w.verb === 'patch' && w.patch)).toEqual([
      {
        metadata: {
          labels: { team: 'ratings', stray: null },
          annotations: { 'example.com/owner': 'ratings' },
        },
      },
    ]);
    expect(cluster.find(ROUTE)?.metadata).toMatchObject({
      labels: { team: 'ratings' },
      annotations: {
        'gateway.example.com/status': 'programmed',
        'example.com/owner': 'ratings',
      },
    });
  });
});
