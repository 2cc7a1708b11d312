import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { InMemoryCluster } from '../../testing/InMemoryCluster';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { IstioRouter } from './IstioRouter';

const VS = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'VirtualService',
  namespace: 'test',
  name: 'podinfo',
};

function setup() {
  const cluster = new InMemoryCluster();
  const router = new IstioRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('IstioRouter', () => {
  it('given an empty namespace, reconcile creates both DestinationRules and the VirtualService with all traffic on primary', async () => {
    const { cluster, router } = setup();

    await router.reconcile(podinfoCanary());

    expect(
      cluster.writes.map(w => `${w.verb} ${w.ref.kind} ${w.ref.name}`),
    ).toEqual([
      'create DestinationRule podinfo-primary',
      'create DestinationRule podinfo-canary',
      'create VirtualService podinfo',
    ]);
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
  });

  it('given a canary at weight 40, setRoutes patches only the route and getRoutes reads 60/40 back', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    cluster.clearWrites();

    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });

    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: VS,
        patch: {
          spec: {
            http: [
              {
                route: [
                  { destination: { host: 'podinfo-primary' }, weight: 60 },
                  { destination: { host: 'podinfo-canary' }, weight: 40 },
                ],
              },
            ],
          },
        },
      },
    ]);
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
  });

  it('given a rollout in flight, reconcile on the next tick keeps the weights and writes nothing', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 20,
      canaryWeight: 80,
      mirrored: false,
    });
    cluster.clearWrites();

    await router.reconcile(podinfoCanary());

    expect(cluster.writes).toEqual([]);
    expect((await router.getRoutes(podinfoCanary())).canaryWeight).toBe(80);
  });

  it('given a changed gateway in the spec, reconcile patches the gateways and keeps weight 40', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
    cluster.clearWrites();

    await router.reconcile(
      podinfoCanary({ service: { gateways: ['public'] } }),
    );

    expect(cluster.writes).toEqual([
      { verb: 'patch', ref: VS, patch: { spec: { gateways: ['public'] } } },
    ]);
    expect((await router.getRoutes(podinfoCanary())).canaryWeight).toBe(40);
  });

  it('given mirroring, getRoutes reports it', async () => {
    const { router } = setup();
    const canary = podinfoCanary({ analysis: { iterations: 5, mirror: true } });
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

  it('given a VirtualService a user created before the Canary, adopts it, remembers its spec and restores it on finalize', async () => {
    const { cluster, router } = setup();
    const userSpec = {
      hosts: ['podinfo'],
      http: [{ route: [{ destination: { host: 'podinfo' } }] }],
    };
    cluster.apply({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: userSpec,
    });

    await router.reconcile(podinfoCanary());

    const adopted = cluster.find(VS)!;
    expect(adopted.metadata).toEqual({
      name: 'podinfo',
      namespace: 'test',
      resourceVersion: expect.any(String),
      annotations: {
        'delivery.vane.dev/original-spec': JSON.stringify(userSpec),
      },
    });
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });

    await router.finalize(podinfoCanary());

    expect(cluster.find(VS)).toEqual({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        resourceVersion: expect.any(String),
        annotations: {},
      },
      spec: userSpec,
    });
    // The DestinationRules were Vane's own: they go.
    expect(
      cluster.writes.filter(w => w.verb === 'delete').map(w => w.ref.name),
    ).toEqual(['podinfo-primary', 'podinfo-canary']);
  });

  it('given objects Vane created, finalize deletes them so the Service alone carries traffic', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    expect(cluster.find(VS)?.metadata.ownerReferences).toEqual([PODINFO_OWNER]);
    cluster.clearWrites();

    await router.finalize(podinfoCanary());

    expect(
      cluster.writes.map(w => `${w.verb} ${w.ref.kind} ${w.ref.name}`),
    ).toEqual([
      'delete VirtualService podinfo',
      'delete DestinationRule podinfo-primary',
      'delete DestinationRule podinfo-canary',
    ]);
  });

  it('given no VirtualService, getRoutes says what is missing and what to do', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'VirtualService test/podinfo in cluster lab is missing or has no route to podinfo-primary and podinfo-canary; reconcile the Canary to create it',
    );
  });

  it('refuses Gateway API gatewayRefs before writing anything, as istioRefusals reports them', async () => {
    const { cluster, router } = setup();
    const canary = podinfoCanary({
      service: { gatewayRefs: [{ name: 'public', namespace: 'gateways' }] },
    });
    const error = await router.reconcile(canary).catch(e => e);
    expect(error).toBeInstanceOf(UnsupportedRoutingError);
    expect(error).toMatchObject({
      provider: 'istio',
      field: 'service.gatewayRefs',
      message: `Canary test/podinfo: ${IstioRouter.refuse(canary)[0].message}`,
    });
    expect(cluster.writes).toEqual([]);
  });
});
