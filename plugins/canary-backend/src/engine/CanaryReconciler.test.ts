import { mockServices } from '@backstage/backend-test-utils';
import type { Canary } from '@vane/plugin-canary-common';
import { createBuiltinMeshRegistry } from '../meshes/createBuiltinMeshRegistry';
import { podinfoCanary } from '../routers/testing/podinfoCanary';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { ScriptedCheckRunner } from '../testing/ScriptedCheckRunner';
import { CanaryReconciler } from './CanaryReconciler';

const NOW = new Date('2026-11-22T12:00:00Z');
const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';

const CANARY = {
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  namespace: 'test',
  name: 'podinfo',
};
const TARGET = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'test',
  name: 'podinfo',
};
const PRIMARY = { ...TARGET, name: 'podinfo-primary' };
const APEX_SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  namespace: 'test',
  name: 'podinfo',
};
const VIRTUAL_SERVICE = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'VirtualService',
  namespace: 'test',
  name: 'podinfo',
};

/** The target Deployment, rolled out with 2 ready replicas. */
function podinfoDeployment(image = GOOD) {
  return rolledOut({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      labels: { app: 'podinfo' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: { containers: [{ name: 'podinfod', image }] },
      },
    },
  });
}

/** A Deployment whose replicas are all updated and available, as the controllers report it. */
function rolledOut(deployment: any) {
  const replicas = deployment.spec.replicas ?? 1;
  return {
    ...deployment,
    status: {
      replicas,
      updatedReplicas: replicas,
      availableReplicas: replicas,
      readyReplicas: replicas,
    },
  };
}

/** The seed Canary on Istio, as stored (with a uid and a resourceVersion). */
function seedCanary(spec: Record<string, unknown> = {}): Canary {
  const canary = podinfoCanary({
    provider: 'istio',
    analysis: {
      metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }],
    },
  });
  return {
    ...canary,
    metadata: { ...canary.metadata, resourceVersion: '1' },
    spec: { ...canary.spec, ...spec },
  };
}

function setup(canary: Canary = seedCanary()) {
  const cluster = new InMemoryCluster('lab', [
    'networking.istio.io',
    'split.smi-spec.io',
    'autoscaling',
  ]);
  cluster.apply(canary, podinfoDeployment());
  const checks = new ScriptedCheckRunner();
  const routers = createBuiltinMeshRegistry();
  const reconciler = new CanaryReconciler({
    clusterName: 'lab',
    cache: cluster.cache,
    writer: cluster.writer,
    routers,
    checks,
    logger: mockServices.logger.mock(),
    now: () => NOW,
  });
  const tick = () => reconciler.reconcile('test', 'podinfo');
  /** What the API server holds of the Canary's status. */
  const status = () => (cluster.find(CANARY) as any)?.status;
  /** The controllers finish rolling out a Deployment the engine wrote. */
  const rollOut = (ref: typeof TARGET) =>
    cluster.apply(rolledOut(cluster.find(ref)));
  return { cluster, checks, tick, status, rollOut };
}

/** The writes as `verb kind name` (an Event by its message), in order. */
const described = (cluster: InMemoryCluster) =>
  cluster.writes.map(w =>
    w.verb === 'createEvent'
      ? `event: ${w.event.message}`
      : `${w.verb} ${w.ref.kind} ${w.ref.name}`,
  );

describe('CanaryReconciler over an in-memory cluster', () => {
  it('initialises the seed Canary: the primary first, once it is ready the Services, the routes with all traffic on it and the target scaled to zero', async () => {
    const { cluster, tick, status, rollOut } = setup();

    await tick();
    expect(described(cluster)).toEqual([
      'create Deployment podinfo-primary',
      'patchStatus Canary podinfo',
    ]);
    expect(status()).toMatchObject({
      phase: 'Initializing',
      reason: 'Creating podinfo-primary.test from podinfo.test',
    });

    rollOut(PRIMARY);
    cluster.clearWrites();
    await tick();
    expect(described(cluster)).toEqual([
      'create Service podinfo',
      'create Service podinfo-primary',
      'create Service podinfo-canary',
      'create DestinationRule podinfo-primary',
      'create DestinationRule podinfo-canary',
      'create VirtualService podinfo',
      'patch Deployment podinfo',
      'event: Initialization done! podinfo.test',
      'patchStatus Canary podinfo',
    ]);
    expect(cluster.find(TARGET)).toMatchObject({ spec: { replicas: 0 } });
    expect(status()).toMatchObject({ phase: 'Initialized', canaryWeight: 0 });
  });

  it('given an initialised Canary, writes nothing to its Services on a quiet tick, and on the tick after service.apex changes patches the apex Service alone', async () => {
    const { cluster, tick, rollOut } = setup();
    await tick();
    rollOut(PRIMARY);
    await tick();
    cluster.clearWrites();

    await tick();
    expect(cluster.writesOf('patch')).toEqual([]);

    const canary = cluster.find(CANARY) as unknown as Canary;
    cluster.apply({
      ...canary,
      metadata: { ...canary.metadata, resourceVersion: '2' },
      spec: {
        ...canary.spec,
        service: {
          ...canary.spec.service,
          apex: { labels: { team: 'reviews' } },
        },
      },
    });
    await tick();
    expect(
      cluster.writesOf('patch').map(w => [w.ref.kind, w.ref.name, w.patch]),
    ).toEqual([
      ['Service', 'podinfo', { metadata: { labels: { team: 'reviews' } } }],
    ]);
  });

  it('sets the finalizer of revertOnDeletion before it creates the primary, keeping the finalizers of others', async () => {
    const canary = seedCanary({ revertOnDeletion: true });
    canary.metadata.finalizers = ['example.com/keep'];
    const { cluster, tick } = setup(canary);

    await tick();

    expect(described(cluster)).toEqual([
      'patch Canary podinfo',
      'create Deployment podinfo-primary',
      'patchStatus Canary podinfo',
    ]);
    expect(cluster.writesOf('patch')[0].patch).toEqual({
      metadata: {
        finalizers: [
          'example.com/keep',
          'delivery.vane.dev/revert-on-deletion',
        ],
        resourceVersion: '1',
      },
    });
  });

  it('given an action that fails, writes only the reason, touches nothing else, and does not write the same reason twice', async () => {
    const { cluster, tick, status } = setup(
      seedCanary({
        autoscalerRef: {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          name: 'podinfo',
        },
      }),
    );

    await tick();

    expect(described(cluster)).toEqual(['patchStatus Canary podinfo']);
    expect(cluster.writesOf('patchStatus')[0].status).toEqual({
      reason:
        'Canary test/podinfo: HorizontalPodAutoscaler podinfo.test (spec.autoscalerRef) not found: create it, or remove autoscalerRef from the Canary',
    });
    expect(status().phase).toBeUndefined();

    cluster.clearWrites();
    await tick();
    expect(cluster.writes).toEqual([]);
  });

  it('given a cache that has not seen its last status write yet, writes nothing until it has', async () => {
    const { cluster, tick, status } = setup();
    cluster.holdCache();

    await tick();
    expect(status().phase).toBe('Initializing');
    cluster.clearWrites();
    // Still the Canary at resourceVersion 1, without a status: deciding again would create the
    // primary a second time and start over.
    await tick();
    expect(cluster.writes).toEqual([]);

    cluster.releaseCache();
    await tick();
    expect(described(cluster)).toEqual(['patchStatus Canary podinfo']);
    expect(status().reason).toBe(
      'Waiting for podinfo-primary.test to be ready: waiting for rollout to finish: 0 out of 2 new replicas have been updated',
    );
  });

  it('given an invalid spec, reports it on the status and in an event once, and touches nothing else', async () => {
    const canary = seedCanary();
    canary.spec.analysis = {
      ...canary.spec.analysis,
      stepWeight: 50,
      maxWeight: 30,
    };
    const { cluster, tick, status } = setup(canary);

    await tick();

    expect(described(cluster)).toEqual([
      'patchStatus Canary podinfo',
      'event: Invalid Canary test/podinfo: analysis.stepWeight must not exceed analysis.maxWeight (30) (got 50)',
    ]);
    expect(status().conditions).toEqual([
      expect.objectContaining({
        type: 'Valid',
        status: 'False',
        message:
          'Invalid Canary test/podinfo: analysis.stepWeight must not exceed analysis.maxWeight (30) (got 50)',
      }),
    ]);
    cluster.clearWrites();
    await tick();
    expect(cluster.writes).toEqual([]);
  });

  it('walks a new revision to weight 40, asking each check where the decision reads it and writing the status once, after the routes', async () => {
    const { cluster, checks, tick, status, rollOut } = setup();
    await tick();
    rollOut(PRIMARY);
    await tick();
    expect(status().phase).toBe('Initialized');
    expect(checks.asked()).toEqual([]);

    cluster.apply({
      ...podinfoDeployment(NEXT),
      spec: { ...podinfoDeployment(NEXT).spec, replicas: 0 },
    });
    await tick();
    expect(checks.asked()).toEqual(['confirm-rollout']);
    expect(status()).toMatchObject({ phase: 'Progressing', canaryWeight: 0 });
    expect(cluster.find(TARGET)).toMatchObject({ spec: { replicas: 2 } });

    rollOut(TARGET);
    checks.clear();
    await tick();
    expect(checks.asked()).toEqual([
      'rollback',
      'pre-rollout',
      'confirm-traffic-increase',
    ]);
    expect(status()).toMatchObject({ phase: 'Progressing', canaryWeight: 20 });

    checks.clear();
    checks.answers.metrics = [
      {
        name: 'request-success-rate',
        value: 100,
        thresholdRange: { min: 99 },
        passed: true,
        reason: 'request-success-rate 100% >= 99%',
      },
    ];
    cluster.clearWrites();
    await tick();
    expect(checks.calls.filter(c => c.check !== 'notify')).toEqual([
      { check: 'rollback', phase: 'Progressing' },
      { check: 'rollout', phase: 'Progressing' },
      { check: 'metrics', phase: 'Progressing' },
      { check: 'confirm-traffic-increase', phase: 'Progressing' },
    ]);
    expect(described(cluster)).toEqual([
      'patch VirtualService podinfo',
      'event: Advance podinfo.test canary weight 40',
      'patchStatus Canary podinfo',
    ]);
    const routes = (cluster.find(VIRTUAL_SERVICE) as any).spec.http[0].route;
    expect(routes.map((r: any) => [r.destination.host, r.weight])).toEqual([
      ['podinfo-primary', 60],
      ['podinfo-canary', 40],
    ]);
    expect(status()).toMatchObject({
      phase: 'Progressing',
      canaryWeight: 40,
      metrics: [
        expect.objectContaining({ name: 'request-success-rate', value: 100 }),
      ],
    });
  });

  it('given a deleted Canary with its finalizer, hands the Service back to the target and lets the deletion go on', async () => {
    const { cluster, tick, rollOut } = setup(
      seedCanary({ revertOnDeletion: true }),
    );
    await tick();
    rollOut(PRIMARY);
    await tick();
    const stored = cluster.find(CANARY) as any;
    expect(stored.metadata.finalizers).toEqual([
      'delivery.vane.dev/revert-on-deletion',
    ]);
    cluster.apply({
      ...stored,
      metadata: { ...stored.metadata, deletionTimestamp: NOW.toISOString() },
    });
    cluster.clearWrites();

    // Scaled to zero at initialisation: first scaled back up, and the hand-back waits for it.
    await tick();
    expect(cluster.find(TARGET)).toMatchObject({ spec: { replicas: 2 } });
    expect((cluster.find(CANARY) as any).status.phase).toBe('Terminating');
    rollOut(TARGET);

    cluster.clearWrites();
    await tick();
    expect(described(cluster)).toEqual([
      'delete VirtualService podinfo',
      'delete DestinationRule podinfo-primary',
      'delete DestinationRule podinfo-canary',
      'patch Service podinfo',
      "event: Traffic handed back to Deployment test/podinfo; the primary and the Canary's Services go with the Canary",
      'patch Canary podinfo',
    ]);
    expect((cluster.find(APEX_SERVICE) as any).spec.selector).toEqual({
      app: 'podinfo',
    });
    expect((cluster.find(CANARY) as any).metadata.finalizers).toBeUndefined();
  });
});

describe('CanaryReconciler and what the chosen mesh refuses', () => {
  const abTesting = {
    iterations: 10,
    stepWeight: undefined,
    maxWeight: undefined,
    match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
  };
  const abCanary = (provider: string) =>
    seedCanary({
      provider,
      analysis: { ...seedCanary().spec.analysis, ...abTesting },
    });

  it('given an A/B Canary on smi, reports Valid=False with the refusal, asks no check and creates nothing: no primary, no Service, no TrafficSplit', async () => {
    const { cluster, checks, tick, status } = setup(abCanary('smi'));

    await tick();

    const message =
      'Canary test/podinfo: analysis.match is not supported by provider smi: a TrafficSplit splits by weight only, it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi';
    expect(status().conditions).toEqual([
      {
        type: 'Valid',
        status: 'False',
        reason: 'InvalidSpec',
        message,
        lastUpdateTime: NOW.toISOString(),
        lastTransitionTime: NOW.toISOString(),
      },
    ]);
    expect(status().reason).toBe(message);
    expect(described(cluster)).toEqual([
      'patchStatus Canary podinfo',
      `event: ${message}`,
    ]);
    expect(checks.calls).toEqual([]);
  });

  it('given the same A/B Canary on istio, which can route it, starts initialising it (podinfo-primary created)', async () => {
    const { cluster, tick, status } = setup(abCanary('istio'));

    await tick();

    expect(
      cluster.writes.flatMap(w =>
        w.verb === 'create' ? [`${w.ref.kind} ${w.ref.name}`] : [],
      ),
    ).toEqual(['Deployment podinfo-primary']);
    expect(status().conditions ?? []).not.toContainEqual(
      expect.objectContaining({ type: 'Valid' }),
    );
  });
});
