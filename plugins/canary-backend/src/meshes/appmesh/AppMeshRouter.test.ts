import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { AppMeshRouter } from './AppMeshRouter';

const TARGET = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'podinfo', namespace: 'test' },
  spec: { selector: { matchLabels: { app: 'podinfo' } } },
};
const ref = (kind: string, name: string) => ({
  apiVersion: 'appmesh.k8s.aws/v1beta2',
  kind,
  namespace: 'test',
  name,
});

function setup() {
  const cluster = new InMemoryCluster('lab', ['appmesh.k8s.aws']).apply(TARGET);
  const router = new AppMeshRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('AppMeshRouter', () => {
  it('creates the nodes, routers and services at 100/0, then shifts the weights with one patch of the apex router, and reads them back', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    expect(
      cluster.writes.map(w => `${w.verb} ${w.ref.kind} ${w.ref.name}`),
    ).toEqual([
      'create VirtualNode podinfo-primary',
      'create VirtualNode podinfo-canary',
      'create VirtualRouter podinfo',
      'create VirtualService podinfo',
      'create VirtualRouter podinfo-canary',
      'create VirtualService podinfo-canary',
    ]);
    expect(
      cluster.find(ref('VirtualNode', 'podinfo-primary'))?.spec,
    ).toMatchObject({
      podSelector: { matchLabels: { app: 'podinfo-primary' } },
    });
    cluster.clearWrites();

    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 80,
      canaryWeight: 20,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: ref('VirtualRouter', 'podinfo'),
        patch: {
          spec: {
            routes: [
              {
                name: 'podinfo',
                httpRoute: {
                  match: { prefix: '/' },
                  action: {
                    weightedTargets: [
                      {
                        virtualNodeRef: { name: 'podinfo-canary' },
                        weight: 20,
                      },
                      {
                        virtualNodeRef: { name: 'podinfo-primary' },
                        weight: 80,
                      },
                    ],
                  },
                },
              },
            ],
          },
        },
      },
    ]);
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 80,
      canaryWeight: 20,
      mirrored: false,
    });

    // Every tick reconciles: the weights in flight stay, and nothing is written.
    cluster.clearWrites();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes).toEqual([]);
  });

  it("keeps the mesh and App Mesh names App Mesh's controller set, which its webhook would not let change", async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    const node = cluster.find(ref('VirtualNode', 'podinfo-primary'))!;
    cluster.apply({
      ...node,
      spec: {
        ...(node.spec as object),
        meshRef: { name: 'global', uid: 'uid-global' },
        awsName: 'podinfo-primary_test',
      },
    });
    cluster.clearWrites();
    await router.setRoutes(podinfoCanary({ service: { timeout: '10s' } }), {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    const patched = cluster
      .writesOf('patch')
      .find(w => w.ref.name === 'podinfo-primary');
    expect(patched?.patch).toEqual({
      spec: {
        listeners: [
          {
            portMapping: { port: 9898, protocol: 'http' },
            timeout: { http: { perRequest: { unit: 'ms', value: 10000 } } },
          },
        ],
      },
    });
    expect(
      cluster.find(ref('VirtualNode', 'podinfo-primary'))?.spec,
    ).toMatchObject({
      meshRef: { name: 'global', uid: 'uid-global' },
      awsName: 'podinfo-primary_test',
    });
  });

  it('given no target yet, says the VirtualNodes need its selector, and writes nothing', async () => {
    const cluster = new InMemoryCluster('lab', ['appmesh.k8s.aws']);
    const router = new AppMeshRouter({
      clusterName: 'lab',
      reader: cluster.reader,
      writer: cluster.writer,
    });
    await expect(router.reconcile(podinfoCanary())).rejects.toThrow(
      'Deployment test/podinfo in cluster lab is missing or has no spec.selector.matchLabels: App Mesh VirtualNodes select the pods of the target and its primary by them; create the target first',
    );
    expect(cluster.writes).toEqual([]);
  });

  it('given no VirtualRouter, getRoutes says what is missing', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'VirtualRouter test/podinfo in cluster lab is missing or has no route with weighted targets podinfo-primary and podinfo-canary; reconcile the Canary to create it',
    );
  });

  it('finalize deletes the objects it created, the VirtualServices before the routers they name', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    cluster.clearWrites();
    await router.finalize(podinfoCanary());
    expect(
      cluster.writes.map(w => `${w.verb} ${w.ref.kind} ${w.ref.name}`),
    ).toEqual([
      'delete VirtualService podinfo',
      'delete VirtualService podinfo-canary',
      'delete VirtualRouter podinfo',
      'delete VirtualRouter podinfo-canary',
      'delete VirtualNode podinfo-primary',
      'delete VirtualNode podinfo-canary',
    ]);
  });
});
