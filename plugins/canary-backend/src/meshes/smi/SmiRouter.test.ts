import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { SmiRouter } from './SmiRouter';

function setup() {
  const cluster = new InMemoryCluster();
  const router = new SmiRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('SmiRouter', () => {
  it('creates the TrafficSplit at 100/0, shifts to 20/80 with one patch of the backends, and reads it back', async () => {
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
        ref: {
          apiVersion: 'split.smi-spec.io/v1alpha2',
          kind: 'TrafficSplit',
          namespace: 'test',
          name: 'podinfo',
        },
        patch: {
          spec: {
            backends: [
              { service: 'podinfo-canary', weight: 80 },
              { service: 'podinfo-primary', weight: 20 },
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
  });

  it('given an A/B canary, reconcile refuses before writing anything', async () => {
    const { cluster, router } = setup();
    const canary = podinfoCanary({
      analysis: { iterations: 10, match: [{ headers: { x: { exact: 'y' } } }] },
    });
    await expect(router.reconcile(canary)).rejects.toBeInstanceOf(
      UnsupportedRoutingError,
    );
    expect(cluster.writes).toEqual([]);
  });

  it('given no TrafficSplit, getRoutes says what is missing', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'TrafficSplit test/podinfo in cluster lab is missing or has no backends podinfo-primary and podinfo-canary; reconcile the Canary to create it',
    );
  });
});
