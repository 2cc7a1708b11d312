import { mockServices } from '@backstage/backend-test-utils';
import type { Canary } from '@vane/plugin-canary-common';
import { MeshRouterRegistry } from '../mesh/MeshRouterRegistry';
import { createBuiltinMeshRouters } from '../routers/createBuiltinMeshRouters';
import { InMemoryCluster } from '../routers/testing/InMemoryCluster';
import { inMemoryEngineCluster } from '../routers/testing/inMemoryEngineCluster';
import { podinfoCanary } from '../routers/testing/podinfoCanary';
import type { CheckRunner } from './CheckRunner';
import { CanaryReconciler } from './CanaryReconciler';

/** A cluster serving Istio and SMI, holding podinfo and a Canary for it. */
function setup(canary: Canary) {
  const cluster = new InMemoryCluster();
  cluster.seed({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace: 'test', generation: 1 },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: { containers: [{ name: 'podinfod', image: 'podinfo:6.0.0' }] },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
    },
  });
  cluster.seed({
    ...canary,
    metadata: { ...canary.metadata, resourceVersion: '1' },
  } as any);
  const { cache, writer, events } = inMemoryEngineCluster(cluster, [
    'networking.istio.io',
    'split.smi-spec.io',
  ]);
  const routers = new MeshRouterRegistry();
  createBuiltinMeshRouters().forEach(factory => routers.add(factory));
  const checks: CheckRunner = {
    runWebhooks: async () => {
      throw new Error('no webhook may run for a Canary its router refuses');
    },
    runMetrics: async () => {
      throw new Error(
        'no metric may be queried for a Canary its router refuses',
      );
    },
    notify: async () => {},
  };
  const reconciler = new CanaryReconciler({
    clusterName: 'lab',
    cache,
    writer,
    routers,
    checks,
    logger: mockServices.logger.mock(),
    now: () => new Date('2026-12-01T10:00:00Z'),
  });
  const canaryNow = () =>
    cluster.find({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      namespace: 'test',
      name: 'podinfo',
    }) as unknown as Canary;
  return { cluster, reconciler, events, canaryNow };
}

const abTesting = {
  iterations: 10,
  stepWeight: undefined,
  maxWeight: undefined,
  match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
};

describe('CanaryReconciler and what a mesh refuses', () => {
  it('given an A/B Canary on smi, reports Valid=False with the refusal and creates nothing: no primary, no Service, no TrafficSplit', async () => {
    const { cluster, reconciler, events, canaryNow } = setup(
      podinfoCanary({ provider: 'smi', analysis: abTesting }),
    );

    await reconciler.reconcile('test', 'podinfo');

    const message =
      'Canary test/podinfo: analysis.match is not supported by provider smi: a TrafficSplit splits by weight only, it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi';
    expect(canaryNow().status?.conditions).toEqual([
      {
        type: 'Valid',
        status: 'False',
        reason: 'InvalidSpec',
        message,
        lastUpdateTime: '2026-12-01T10:00:00.000Z',
        lastTransitionTime: '2026-12-01T10:00:00.000Z',
      },
    ]);
    expect(canaryNow().status?.reason).toBe(message);
    expect(cluster.writes.map(w => `${w.verb} ${w.ref.kind}`)).toEqual([
      'patch Canary',
    ]);
    expect(events.map(e => (e as any).message)).toEqual([message]);
  });

  it('given the same A/B Canary on istio, which can route it, starts initialising it (podinfo-primary created)', async () => {
    const { cluster, reconciler, canaryNow } = setup(
      podinfoCanary({ provider: 'istio', analysis: abTesting }),
    );

    await reconciler.reconcile('test', 'podinfo');

    expect(
      cluster.writes
        .filter(w => w.verb === 'create')
        .map(w => `${w.ref.kind} ${w.ref.name}`),
    ).toEqual(['Deployment podinfo-primary']);
    expect(canaryNow().status?.conditions ?? []).not.toContainEqual(
      expect.objectContaining({ type: 'Valid' }),
    );
  });
});
