import { mockServices } from '@backstage/backend-test-utils';
import { validateCanarySpec } from '@vane/plugin-canary-common';
import type { MeshRouter, MeshRoutes } from '@vane/plugin-canary-node';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { ScriptedCheckRunner } from '../../testing/ScriptedCheckRunner';
import { daemonSetWorkload } from '../../workloads/daemonSetWorkload';
import { deploymentWorkload } from '../../workloads/deploymentWorkload';
import { CanaryEventRecorder } from '../CanaryEventRecorder';
import type { ExecutionContext } from './ActionExecutors';
import { createActionExecutors } from './createActionExecutors';
import { PrimaryWorkload } from './PrimaryWorkload';

const canary = {
  ...podinfoCanary(),
  metadata: { ...podinfoCanary().metadata, resourceVersion: '3' },
};
const validated = validateCanarySpec(canary.spec);
if (!validated.valid) throw new Error('invalid test spec');
const spec = validated.spec;

function deployment(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'test', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'podinfod', image: 'podinfo:6.1.0' }] },
      },
    },
  };
}

/** A router that only remembers the routes it was given. */
function routesRecorder(): MeshRouter & {
  written: MeshRoutes[];
  statuses: unknown[];
  finalized: number;
} {
  const router = {
    written: [] as MeshRoutes[],
    /** The status of the Canary each setRoutes was given. */
    statuses: [] as unknown[],
    finalized: 0,
    reconcile: async () => undefined,
    setRoutes: async (routed: { status?: unknown }, routes: MeshRoutes) => {
      router.statuses.push(routed.status);
      router.written.push(routes);
    },
    getRoutes: async () => router.written[router.written.length - 1],
    finalize: async () => {
      router.finalized += 1;
    },
  };
  return router;
}

function setup(targetReplicas = 0) {
  const target = deployment('podinfo', targetReplicas);
  const cluster = new InMemoryCluster().apply(
    canary,
    target,
    deployment('podinfo-primary', 3),
  );
  const checks = new ScriptedCheckRunner();
  const logger = mockServices.logger.mock();
  const executors = createActionExecutors({
    cache: cluster.cache,
    writer: cluster.writer,
    checks,
    events: new CanaryEventRecorder({ writer: cluster.writer, logger }),
    primary: new PrimaryWorkload({
      cache: cluster.cache,
      writer: cluster.writer,
      clusterName: 'lab',
      logger,
    }),
  });
  const router = routesRecorder();
  const context: ExecutionContext = {
    canary,
    spec,
    router,
    workload: deploymentWorkload,
    target,
  };
  return { cluster, checks, executors, router, context };
}

describe('the executors of the engine actions', () => {
  it('scaleTarget: scales the target to the primary replicas for analysis, and writes nothing when it is there', async () => {
    const { cluster, executors, context } = setup(0);
    await executors.scaleTarget(
      { type: 'scaleTarget', to: 'primaryReplicas' },
      context,
    );
    expect(cluster.writesOf('patch').map(w => [w.ref.name, w.patch])).toEqual([
      ['podinfo', { spec: { replicas: 3 } }],
    ]);

    cluster.clearWrites();
    await executors.scaleTarget({ type: 'scaleTarget', to: 0 }, context);
    expect(cluster.writes).toEqual([]);
  });

  it('setRoutes: hands the weights to the router', async () => {
    const { executors, router, context } = setup();
    await executors.setRoutes(
      {
        type: 'setRoutes',
        primaryWeight: 60,
        canaryWeight: 40,
        mirrored: false,
      },
      context,
    );
    expect(router.written).toEqual([
      { primaryWeight: 60, canaryWeight: 40, mirrored: false },
    ]);
  });

  it('setRoutes: hands the router the Canary with the status decided this tick, whose cookies the routes carry before the status is written', async () => {
    const { executors, router, context } = setup();
    const decided = {
      phase: 'Progressing' as const,
      canaryWeight: 20,
      sessionAffinityCookie: 'flagger-cookie=LpsIaLdoNZ',
    };
    await executors.setRoutes(
      {
        type: 'setRoutes',
        primaryWeight: 80,
        canaryWeight: 20,
        mirrored: false,
      },
      { ...context, decided },
    );
    expect(router.statuses).toEqual([decided]);
  });

  it('reconcileServices: creates the apex, primary and canary Services owned by the Canary, writes nothing while they are up to date, and patches what the spec changed', async () => {
    const { cluster, executors, context } = setup();
    await executors.reconcileServices({ type: 'reconcileServices' }, context);
    expect(cluster.writesOf('create').map(w => w.object.metadata.name)).toEqual(
      ['podinfo', 'podinfo-primary', 'podinfo-canary'],
    );
    expect(
      cluster.writesOf('create')[0].object.metadata.ownerReferences,
    ).toEqual([
      expect.objectContaining({
        kind: 'Canary',
        uid: 'uid-podinfo',
        controller: true,
      }),
    ]);

    cluster.clearWrites();
    await executors.reconcileServices({ type: 'reconcileServices' }, context);
    expect(cluster.writes).toEqual([]);

    const labelled = {
      ...context.spec,
      service: {
        ...context.spec.service,
        apex: { labels: { team: 'reviews' } },
      },
    };
    await executors.reconcileServices(
      { type: 'reconcileServices', keepApexSelector: true },
      { ...context, spec: labelled },
    );
    expect(cluster.writesOf('patch').map(w => [w.ref.name, w.patch])).toEqual([
      ['podinfo', { metadata: { labels: { team: 'reviews' } } }],
    ]);
  });

  it('runWebhooks: tells the post-rollout hooks the phase the rollout ended in, and turns a failed one into a Warning event, as Flagger does', async () => {
    const { cluster, checks, executors, context } = setup();
    checks.answers.webhooks = {
      'post-rollout': [
        {
          name: 'notify-release',
          type: 'post-rollout',
          passed: false,
          message: 'HTTP 500: down',
        },
      ],
    };
    await executors.runWebhooks(
      { type: 'runWebhooks', webhookType: 'post-rollout' },
      { ...context, decided: { phase: 'Failed' } },
    );
    expect(checks.calls).toEqual([
      { check: 'post-rollout', phase: 'Failed' },
      {
        check: 'notify',
        severity: 'Warning',
        message: 'post-rollout webhook notify-release failed: HTTP 500: down',
      },
    ]);
    expect(cluster.writesOf('createEvent').map(w => w.event.message)).toEqual([
      'post-rollout webhook notify-release failed: HTTP 500: down',
    ]);
    expect(cluster.writesOf('patchStatus')).toEqual([]);
  });

  it('event: records a Kubernetes Event on the Canary and tells the event webhooks and notifiers', async () => {
    const { cluster, checks, executors, context } = setup();
    await executors.event(
      {
        type: 'event',
        severity: 'Normal',
        message: 'Advance podinfo.test canary weight 20',
      },
      context,
    );
    expect(cluster.writesOf('createEvent')[0].event).toMatchObject({
      type: 'Normal',
      message: 'Advance podinfo.test canary weight 20',
      involvedObject: { kind: 'Canary', name: 'podinfo', uid: 'uid-podinfo' },
    });
    expect(checks.calls).toEqual([
      {
        check: 'notify',
        severity: 'Normal',
        message: 'Advance podinfo.test canary weight 20',
      },
    ]);
  });

  it('addFinalizer and removeFinalizer: change the engine finalizer only, conditionally on the version read', async () => {
    const { cluster, executors, context } = setup();
    const withOthers = {
      ...context,
      canary: {
        ...canary,
        metadata: { ...canary.metadata, finalizers: ['example.com/keep'] },
      },
    };
    await executors.addFinalizer({ type: 'addFinalizer' }, withOthers);
    await executors.removeFinalizer({ type: 'removeFinalizer' }, context);
    expect(cluster.writesOf('patch').map(w => w.patch)).toEqual([
      {
        metadata: {
          finalizers: [
            'example.com/keep',
            'delivery.vane.dev/revert-on-deletion',
          ],
          resourceVersion: '3',
        },
      },
      { metadata: { finalizers: null, resourceVersion: '3' } },
    ]);
  });

  it('handBackTraffic: finalizes the routes, then points the apex Service at the target pods and takes the Canary off its owners', async () => {
    const { cluster, executors, router, context } = setup();
    cluster.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        ownerReferences: [
          {
            apiVersion: 'delivery.vane.dev/v1alpha1',
            kind: 'Canary',
            name: 'podinfo',
            uid: 'uid-podinfo',
          },
        ],
      },
      spec: { selector: { app: 'podinfo-primary', tier: 'web' } },
    });
    await executors.handBackTraffic({ type: 'handBackTraffic' }, context);
    expect(router.finalized).toBe(1);
    expect(cluster.writesOf('patch').map(w => w.patch)).toEqual([
      {
        metadata: { ownerReferences: null },
        spec: { selector: { app: 'podinfo', tier: null } },
      },
    ]);
  });
});

/** The node agent of the DaemonSet scenarios: one pod per node, port 9898. */
function nodeAgent(nodeSelector?: Record<string, string>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      labels: { app: 'podinfo' },
    },
    spec: {
      selector: { matchLabels: { app: 'podinfo' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: {
          ...(nodeSelector ? { nodeSelector } : {}),
          containers: [{ name: 'podinfod', image: 'podinfo:6.1.0' }],
        },
      },
    },
  };
}

/** Flagger's KEDA tutorial ScaledObject for podinfo, as stored (no KEDA runs here either). */
const PODINFO_SO = {
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'podinfo-so', namespace: 'test' },
  spec: {
    scaleTargetRef: { name: 'podinfo' },
    minReplicaCount: 1,
    maxReplicaCount: 3,
    triggers: [
      {
        type: 'prometheus',
        name: 'requests',
        metadata: {
          query: 'sum(rate(http_requests_total{app="podinfo"}[1m]))',
        },
      },
    ],
  },
};

/** Executors over a cluster holding `objects`, for a Canary with `specOverrides`. */
function setupWith(
  specOverrides: Record<string, unknown>,
  target: any,
  ...objects: any[]
) {
  const withSpec = {
    ...canary,
    spec: { ...canary.spec, ...specOverrides },
  };
  const valid = validateCanarySpec(withSpec.spec);
  if (!valid.valid) throw new Error(valid.errors[0].message);
  const cluster = new InMemoryCluster('lab', [
    'networking.istio.io',
    'keda.sh',
  ]).apply(withSpec, target, ...objects);
  const logger = mockServices.logger.mock();
  const executors = createActionExecutors({
    cache: cluster.cache,
    writer: cluster.writer,
    checks: new ScriptedCheckRunner(),
    events: new CanaryEventRecorder({ writer: cluster.writer, logger }),
    primary: new PrimaryWorkload({
      cache: cluster.cache,
      writer: cluster.writer,
      clusterName: 'lab',
      logger,
    }),
  });
  const context: ExecutionContext = {
    canary: withSpec,
    spec: valid.spec,
    router: routesRecorder(),
    workload:
      target.kind === 'DaemonSet' ? daemonSetWorkload : deploymentWorkload,
    target,
    revision: 'rev-1',
  };
  return { cluster, executors, context };
}

describe('the executors with a DaemonSet target', () => {
  const daemonSet = {
    targetRef: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'podinfo' },
  };

  it('createPrimary: creates podinfo-primary as a DaemonSet from the target', async () => {
    const { cluster, executors, context } = setupWith(daemonSet, nodeAgent());
    await executors.createPrimary({ type: 'createPrimary' }, context);
    expect(cluster.writesOf('create').map(w => w.object)).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: {
          name: 'podinfo-primary',
          namespace: 'test',
          labels: { app: 'podinfo-primary' },
          annotations: { 'delivery.vane.dev/revision': 'rev-1' },
          ownerReferences: [PODINFO_OWNER],
        },
        spec: {
          updateStrategy: { type: 'RollingUpdate' },
          selector: { matchLabels: { app: 'podinfo-primary' } },
          template: {
            metadata: { labels: { app: 'podinfo-primary' } },
            spec: {
              containers: [{ name: 'podinfod', image: 'podinfo:6.1.0' }],
            },
          },
        },
      },
    ]);
  });

  it('createPrimary: given a target updated OnDelete, writes nothing and says why', async () => {
    const onDelete: any = nodeAgent();
    onDelete.spec.updateStrategy = { type: 'OnDelete' };
    const { cluster, executors, context } = setupWith(daemonSet, onDelete);
    await expect(
      executors.createPrimary({ type: 'createPrimary' }, context),
    ).rejects.toThrow('must have the RollingUpdate update strategy');
    expect(cluster.writes).toEqual([]);
  });

  it('scaleTarget: scales it to zero by its node selector, and up again by removing it', async () => {
    const { cluster, executors, context } = setupWith(daemonSet, nodeAgent());
    await executors.scaleTarget({ type: 'scaleTarget', to: 0 }, context);
    const scaledDown = nodeAgent({ 'delivery.vane.dev/scale-to-zero': 'true' });
    await executors.scaleTarget(
      { type: 'scaleTarget', to: 'primaryReplicas' },
      { ...context, target: scaledDown },
    );
    expect(
      cluster.writesOf('patch').map(w => [w.ref.kind, w.ref.name, w.patch]),
    ).toEqual([
      [
        'DaemonSet',
        'podinfo',
        {
          spec: {
            template: {
              spec: {
                nodeSelector: { 'delivery.vane.dev/scale-to-zero': 'true' },
              },
            },
          },
        },
      ],
      [
        'DaemonSet',
        'podinfo',
        {
          spec: {
            template: {
              spec: {
                nodeSelector: { 'delivery.vane.dev/scale-to-zero': null },
              },
            },
          },
        },
      ],
    ]);
  });

  it('promotePrimary: patches the primary DaemonSet with the target template', async () => {
    const { cluster, executors, context } = setupWith(daemonSet, nodeAgent(), {
      ...nodeAgent(),
      metadata: { name: 'podinfo-primary', namespace: 'test' },
    });
    await executors.promotePrimary({ type: 'promotePrimary' }, context);
    expect(cluster.writesOf('patch').map(w => [w.ref, w.patch])).toEqual([
      [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          namespace: 'test',
          name: 'podinfo-primary',
        },
        daemonSetWorkload.promotion(nodeAgent(), 'rev-1'),
      ],
    ]);
  });
});

describe('the executors with a KEDA ScaledObject autoscalerRef', () => {
  const keda = {
    autoscalerRef: {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      name: 'podinfo-so',
    },
  };

  it('createPrimary: creates podinfo-so-primary scaling podinfo-primary before the primary Deployment', async () => {
    const { cluster, executors, context } = setupWith(
      keda,
      deployment('podinfo', 2),
      PODINFO_SO,
    );
    await executors.createPrimary({ type: 'createPrimary' }, context);
    const created = cluster.writesOf('create').map(w => w.object);
    expect(created.map(o => `${o.kind} ${o.metadata.name}`)).toEqual([
      'ScaledObject podinfo-so-primary',
      'Deployment podinfo-primary',
    ]);
    expect(created[0].spec).toEqual({
      scaleTargetRef: { name: 'podinfo-primary' },
      minReplicaCount: 1,
      maxReplicaCount: 3,
      triggers: [
        {
          type: 'prometheus',
          name: 'requests',
          metadata: {
            query: 'sum(rate(http_requests_total{app="podinfo-primary"}[1m]))',
          },
        },
      ],
    });
  });

  it('createPrimary: given no ScaledObject podinfo-so, writes nothing and names it', async () => {
    const { cluster, executors, context } = setupWith(
      keda,
      deployment('podinfo', 2),
    );
    await expect(
      executors.createPrimary({ type: 'createPrimary' }, context),
    ).rejects.toThrow(
      'ScaledObject podinfo-so.test (spec.autoscalerRef) not found: create it, or remove autoscalerRef from the Canary',
    );
    expect(cluster.writes).toEqual([]);
  });

  it('promotePrimary: brings podinfo-so-primary up to the target ScaledObject', async () => {
    const { cluster, executors, context } = setupWith(
      keda,
      deployment('podinfo', 2),
      { ...PODINFO_SO, spec: { ...PODINFO_SO.spec, maxReplicaCount: 6 } },
      deployment('podinfo-primary', 2),
      {
        ...PODINFO_SO,
        metadata: { name: 'podinfo-so-primary', namespace: 'test' },
        spec: {
          ...PODINFO_SO.spec,
          scaleTargetRef: { name: 'podinfo-primary' },
          triggers: [
            {
              ...PODINFO_SO.spec.triggers[0],
              metadata: {
                query:
                  'sum(rate(http_requests_total{app="podinfo-primary"}[1m]))',
              },
            },
          ],
        },
      },
    );
    await executors.promotePrimary({ type: 'promotePrimary' }, context);
    expect(
      cluster
        .writesOf('patch')
        .map(w => [`${w.ref.kind} ${w.ref.name}`, w.patch]),
    ).toEqual([
      ['ScaledObject podinfo-so-primary', { spec: { maxReplicaCount: 6 } }],
      ['Deployment podinfo-primary', expect.anything()],
    ]);
  });

  it("scaleTarget: pauses the target's ScaledObject at zero before scaling the target to zero, and resumes it before scaling up, as Flagger does", async () => {
    const { cluster, executors, context } = setupWith(
      keda,
      deployment('podinfo', 2),
      PODINFO_SO,
      deployment('podinfo-primary', 3),
    );
    await executors.scaleTarget({ type: 'scaleTarget', to: 0 }, context);
    await executors.scaleTarget(
      { type: 'scaleTarget', to: 'primaryReplicas' },
      { ...context, target: deployment('podinfo', 0) },
    );
    expect(
      cluster
        .writesOf('patch')
        .map(w => [`${w.ref.kind} ${w.ref.name}`, w.patch]),
    ).toEqual([
      [
        'ScaledObject podinfo-so',
        {
          metadata: {
            annotations: { 'autoscaling.keda.sh/paused-replicas': '0' },
          },
        },
      ],
      ['Deployment podinfo', { spec: { replicas: 0 } }],
      [
        'ScaledObject podinfo-so',
        {
          metadata: {
            annotations: { 'autoscaling.keda.sh/paused-replicas': null },
          },
        },
      ],
      ['Deployment podinfo', { spec: { replicas: 3 } }],
    ]);
  });
});
