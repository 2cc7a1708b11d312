import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { KubernetesRouter } from './KubernetesRouter';

const APEX = {
  apiVersion: 'v1',
  kind: 'Service',
  namespace: 'test',
  name: 'podinfo',
};
const blueGreen = podinfoCanary({
  provider: 'kubernetes',
  analysis: { iterations: 10, stepWeight: undefined, maxWeight: undefined },
});

function service(name: string, selector: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'test' },
    spec: {
      clusterIP: '10.96.0.10',
      ports: [{ name: 'http', port: 9898, targetPort: 9898 }],
      selector,
    },
  };
}

/** The Service as the API server holds it after a write: at a new resourceVersion. */
function written(object: ReturnType<typeof service>) {
  return {
    ...object,
    metadata: { ...object.metadata, resourceVersion: expect.any(String) },
  };
}

function setup(apexSelector: Record<string, string>) {
  const cluster = new InMemoryCluster();
  cluster.apply(service('podinfo', apexSelector));
  cluster.apply(service('podinfo-primary', { app: 'podinfo-primary' }));
  cluster.apply(service('podinfo-canary', { app: 'podinfo' }));
  const router = new KubernetesRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('KubernetesRouter', () => {
  it('given the apex Service still on the target pods, reconcile points it at the primary', async () => {
    const { cluster, router } = setup({ app: 'podinfo' });
    // Before initialisation the apex selects the target, which is also what the canary selects.
    expect(await router.getRoutes(blueGreen)).toEqual({
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
    cluster.apply(service('podinfo', { app: 'podinfo', version: 'v1' }));

    await router.reconcile({ ...blueGreen, status: { phase: 'Initializing' } });

    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: APEX,
        patch: {
          spec: { selector: { app: 'podinfo-primary', version: null } },
        },
      },
    ]);
    expect(await router.getRoutes(blueGreen)).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
  });

  it('switches all traffic to the canary and back, touching only the selector', async () => {
    const { cluster, router } = setup({ app: 'podinfo-primary' });

    await router.setRoutes(blueGreen, {
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
    // A tick while promoting keeps the switch.
    await router.reconcile({ ...blueGreen, status: { phase: 'Promoting' } });
    expect((await router.getRoutes(blueGreen)).canaryWeight).toBe(100);

    await router.setRoutes(blueGreen, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    expect(cluster.find(APEX)).toEqual(
      written(service('podinfo', { app: 'podinfo-primary' })),
    );
    expect(
      cluster.writes.map(w => (w.verb === 'patch' ? w.patch : w.verb)),
    ).toEqual([
      { spec: { selector: { app: 'podinfo' } } },
      { spec: { selector: { app: 'podinfo-primary' } } },
    ]);
  });

  it('given a partial weight, refuses with an UnsupportedRoutingError and writes nothing', async () => {
    const { cluster, router } = setup({ app: 'podinfo-primary' });
    const error = await router
      .setRoutes(blueGreen, {
        primaryWeight: 80,
        canaryWeight: 20,
        mirrored: false,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(UnsupportedRoutingError);
    expect(error).toMatchObject({
      provider: 'kubernetes',
      field: 'analysis.stepWeight',
    });
    expect(cluster.writes).toEqual([]);
  });

  it('given a Service on the target pods and no rollout in progress, reconcile moves it to the primary rather than reading it as a switch to the canary', async () => {
    const { router } = setup({ app: 'podinfo' });
    await router.reconcile(blueGreen);
    expect((await router.getRoutes(blueGreen)).primaryWeight).toBe(100);
  });

  it('finalize points the Service back at the target pods', async () => {
    const { cluster, router } = setup({ app: 'podinfo-primary' });
    await router.finalize(blueGreen);
    expect(cluster.find(APEX)).toEqual(
      written(service('podinfo', { app: 'podinfo' })),
    );
  });

  it('given a missing primary Service, says the engine creates it', async () => {
    const cluster = new InMemoryCluster();
    cluster.apply(service('podinfo', { app: 'podinfo' }));
    const router = new KubernetesRouter({
      clusterName: 'lab',
      reader: cluster.reader,
      writer: cluster.writer,
    });
    await expect(router.reconcile(blueGreen)).rejects.toThrow(
      'Service test/podinfo-primary not found in the cache of cluster lab; the engine creates it when it initialises the Canary',
    );
  });

  it('given an apex selecting something else, getRoutes says so', async () => {
    const { router } = setup({ app: 'other' });
    await expect(router.getRoutes(blueGreen)).rejects.toThrow(
      'Service test/podinfo in cluster lab selects neither the primary nor the canary pods of Canary test/podinfo; reconcile the Canary to point it at the primary',
    );
  });
});
