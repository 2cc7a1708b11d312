import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { KumaRouter } from './KumaRouter';

const ROUTE = {
  apiVersion: 'kuma.io/v1alpha1',
  kind: 'TrafficRoute',
  namespace: '',
  name: 'podinfo.test',
};

function setup() {
  const cluster = new InMemoryCluster('lab', ['kuma.io']);
  const router = new KumaRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('KumaRouter', () => {
  it('creates the cluster-scoped TrafficRoute at 100/0, shifts to 70/30 with one patch of the split, and reads it back', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes.map(w => [w.verb, w.ref])).toEqual([
      ['create', ROUTE],
    ]);
    cluster.clearWrites();

    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 70,
      canaryWeight: 30,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: ROUTE,
        patch: {
          spec: {
            conf: {
              split: [
                {
                  weight: 70,
                  destination: {
                    'kuma.io/service': 'podinfo-primary_test_svc_9898',
                  },
                },
                {
                  weight: 30,
                  destination: {
                    'kuma.io/service': 'podinfo-canary_test_svc_9898',
                  },
                },
              ],
            },
          },
        },
      },
    ]);
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 70,
      canaryWeight: 30,
      mirrored: false,
    });
    cluster.clearWrites();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes).toEqual([]);
  });

  it('reads the weights of A/B from the matching http section, not the default split to the primary', async () => {
    const { router } = setup();
    const canary = podinfoCanary({
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        iterations: 10,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    });
    await router.setRoutes(canary, {
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
    expect(await router.getRoutes(canary)).toEqual({
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
  });

  it('finalize deletes the TrafficRoute it created (owned by annotations: no ownerReference can own it), and leaves one of another Canary', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    const other = podinfoCanary();
    other.metadata.uid = 'uid-of-a-new-podinfo';
    cluster.clearWrites();
    await router.finalize(other);
    expect(cluster.writes).toEqual([]);
    await router.finalize(podinfoCanary());
    expect(cluster.writes).toEqual([{ verb: 'delete', ref: ROUTE }]);
  });

  it('given no TrafficRoute, getRoutes says what is missing', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'TrafficRoute podinfo.test in cluster lab is missing or splits to neither podinfo-primary nor podinfo-canary; reconcile the Canary to create it',
    );
  });
});
