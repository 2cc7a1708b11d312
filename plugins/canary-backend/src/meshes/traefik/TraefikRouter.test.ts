import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { InMemoryCluster } from '../../testing/InMemoryCluster';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { TraefikRouter } from './TraefikRouter';

const REF = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'TraefikService',
  namespace: 'test',
  name: 'podinfo',
};
const services = (primaryWeight: number, canaryWeight: number) => [
  {
    name: 'podinfo-primary',
    namespace: 'test',
    port: 9898,
    weight: primaryWeight,
  },
  {
    name: 'podinfo-canary',
    namespace: 'test',
    port: 9898,
    weight: canaryWeight,
  },
];

function setup() {
  const cluster = new InMemoryCluster('lab', ['traefik.io']);
  const router = new TraefikRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('TraefikRouter', () => {
  it('creates the TraefikService at 100/0, shifts to 20/80 with one patch of its services, and reads it back', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes).toEqual([
      {
        verb: 'create',
        ref: REF,
        object: {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'TraefikService',
          metadata: {
            name: 'podinfo',
            namespace: 'test',
            ownerReferences: [PODINFO_OWNER],
          },
          spec: { weighted: { services: services(100, 0) } },
        },
      },
    ]);
    cluster.clearWrites();

    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 20,
      canaryWeight: 80,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: REF,
        patch: { spec: { weighted: { services: services(20, 80) } } },
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

  it('turns the TraefikService into a mirroring one and back with one patch each', async () => {
    const { cluster, router } = setup();
    const canary = podinfoCanary({
      analysis: { iterations: 5, mirror: true, mirrorWeight: 50 },
    });
    await router.reconcile(canary);
    cluster.clearWrites();

    await router.setRoutes(canary, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    });
    expect(cluster.writesOf('patch').map(w => w.patch)).toEqual([
      {
        spec: {
          weighted: null,
          mirroring: {
            name: 'podinfo-primary',
            namespace: 'test',
            port: 9898,
            mirrors: [
              {
                name: 'podinfo-canary',
                namespace: 'test',
                port: 9898,
                percent: 50,
              },
            ],
          },
        },
      },
    ]);
    expect(await router.getRoutes(canary)).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    });

    await router.setRoutes(canary, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    expect(cluster.find(REF)?.spec).toEqual({
      weighted: { services: services(100, 0) },
    });
  });

  it('deletes the TraefikService it created when finalized', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    cluster.clearWrites();
    await router.finalize(podinfoCanary());
    expect(cluster.writes).toEqual([{ verb: 'delete', ref: REF }]);
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

  it('given no TraefikService, getRoutes says what is missing', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'TraefikService test/podinfo in cluster lab is missing or does not route to podinfo-primary; reconcile the Canary to create it',
    );
  });
});
