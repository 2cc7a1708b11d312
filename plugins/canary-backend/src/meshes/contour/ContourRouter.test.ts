import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { ContourRouter } from './ContourRouter';

const PROXY = {
  apiVersion: 'projectcontour.io/v1',
  kind: 'HTTPProxy',
  namespace: 'test',
  name: 'podinfo',
};

function setup() {
  const cluster = new InMemoryCluster();
  const router = new ContourRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('ContourRouter', () => {
  it('creates the HTTPProxy at 100/0, shifts it to 60/40 with one patch of its routes, and reads it back', async () => {
    const { cluster, router } = setup();
    const canary = podinfoCanary({ provider: 'contour' });
    await router.reconcile(canary);
    expect(cluster.writes.map(w => [w.verb, w.ref])).toEqual([
      ['create', PROXY],
    ]);
    cluster.clearWrites();

    await router.setRoutes(canary, {
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
    expect(cluster.writes).toHaveLength(1);
    expect(cluster.writes[0]).toMatchObject({ verb: 'patch', ref: PROXY });
    expect(await router.getRoutes(canary)).toEqual({
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
  });

  it('reads an A/B canary from its first route, and a mirroring one as mirrored', async () => {
    const { router } = setup();
    const ab = podinfoCanary({
      provider: 'contour',
      analysis: {
        iterations: 5,
        stepWeight: undefined,
        maxWeight: undefined,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    });
    await router.setRoutes(ab, {
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
    expect(await router.getRoutes(ab)).toEqual({
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });

    const mirror = podinfoCanary({
      provider: 'contour',
      analysis: { mirror: true },
    });
    await router.setRoutes(mirror, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    });
    expect(await router.getRoutes(mirror)).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    });
  });

  it('given no HTTPProxy, getRoutes says what is missing; finalize deletes the one it created', async () => {
    const { cluster, router } = setup();
    const canary = podinfoCanary({ provider: 'contour' });
    await expect(router.getRoutes(canary)).rejects.toThrow(
      'HTTPProxy test/podinfo in cluster lab is missing or its first route has no Services podinfo-primary and podinfo-canary; reconcile the Canary to create it',
    );
    await router.reconcile(canary);
    cluster.clearWrites();
    await router.finalize(canary);
    expect(cluster.writes).toEqual([{ verb: 'delete', ref: PROXY }]);
  });
});
