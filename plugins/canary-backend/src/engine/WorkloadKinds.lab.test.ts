import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import { startWebhookReceiver } from '../checks/testing/startWebhookReceiver';
import { istioPodinfoCanary } from '../service/__testUtils__/istioPodinfoCanary';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// The targets and autoscalers Flagger releases besides a Deployment with an HPA, end to end
// against the mesh lab (real apiserver, controller-manager with its Deployment and DaemonSet
// controllers, Prometheus; simulated kubelet and data plane) and the canary plugin in a backend
// process: a DaemonSet target, a KEDA ScaledObject as autoscalerRef, and a canaryReadyThreshold
// below 100. The lab serves KEDA's ScaledObject CRD but runs no KEDA operator: what is asserted is
// what the engine writes to the ScaledObjects, not scaling done by KEDA.
jest.setTimeout(10 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const KEDA = 'keda.sh/v1alpha1';
const PAUSED_REPLICAS = 'autoscaling.keda.sh/paused-replicas';

const CONTAINER = {
  name: 'podinfod',
  image: GOOD,
  ports: [{ name: 'http', containerPort: 9898 }],
};

/** A Canary of podinfo on Istio with a 3 s interval; `spec` and `analysis` merged in. */
function podinfoCanary(
  namespace: string,
  spec: Record<string, unknown>,
  analysis: Record<string, unknown>,
) {
  const canary = istioPodinfoCanary(namespace, {
    interval: '3s',
    threshold: 3,
    ...analysis,
  });
  return {
    ...canary,
    spec: { ...canary.spec, progressDeadlineSeconds: 60, ...spec },
  };
}

function podinfoDeployment(namespace: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace, labels: { app: 'podinfo' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: { containers: [CONTAINER] },
      },
    },
  };
}

describe('workload kinds and readiness thresholds against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess | undefined;
  /** confirm-* gates per path: closed (403) until the test opens them. */
  const open = new Set<string>();
  let gates: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    const gate = (path: string) => () =>
      open.has(path) ? { status: 200 } : { status: 403, body: 'closed' };
    gates = await startWebhookReceiver({
      '/keda/confirm-promotion': gate('/keda/confirm-promotion'),
      '/threshold-50/confirm-traffic-increase': gate(
        '/threshold-50/confirm-traffic-increase',
      ),
      '/threshold-100/confirm-traffic-increase': gate(
        '/threshold-100/confirm-traffic-increase',
      ),
    });
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    engine = await startEngineProcess({
      name: 'workload-kinds',
      config: {
        canary: {
          clusters: [lab.clusterConfig('lab')],
          engine: { leaseDurationSeconds: 6 },
        },
      },
    });
    await engine.waitForOutput(/now drives this cluster/);
  });

  afterAll(async () => {
    await engine?.stop();
    await lab?.stop();
    await gates?.stop();
  });

  const gate = (type: string, path: string) => ({
    name: `${type}-gate`,
    type,
    url: gates.url(path),
  });

  async function createNamespace(namespace: string) {
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
  }

  /** Waits until the Canary in `namespace` has a status that satisfies `condition`. */
  async function waitForStatus(
    namespace: string,
    what: string,
    condition: (status: any) => boolean,
    timeoutMs = 120_000,
  ) {
    let last: any;
    await waitFor(
      `Canary ${namespace}/podinfo ${what}`,
      async () => {
        last = (await cluster.canary(namespace, 'podinfo'))?.status;
        return !!last && condition(last);
      },
      { timeoutMs, observe: () => JSON.stringify(last) },
    );
    return last;
  }

  const waitForPhase = (namespace: string, phase: string, timeoutMs?: number) =>
    waitForStatus(
      namespace,
      `to reach ${phase}`,
      s => s.phase === phase,
      timeoutMs,
    );

  /** The pods of `namespace` whose `app` label is `app`. */
  async function podsOf(namespace: string, app: string): Promise<any[]> {
    const pods = await cluster.client.request(
      'GET',
      `/api/v1/namespaces/${namespace}/pods?labelSelector=app%3D${app}`,
    );
    return pods.items;
  }

  /** Makes one of the two canary pods of `namespace` crash, and waits until its Deployment says so. */
  async function crashOneCanaryPod(namespace: string) {
    const [pod] = await podsOf(namespace, 'podinfo');
    await cluster.patch('v1', 'Pod', namespace, pod.metadata.name, {
      metadata: { annotations: { 'lab.vane.dev/crash': 'true' } },
    });
    let status: any;
    await waitFor(
      `Deployment ${namespace}/podinfo to have 1 of 2 replicas available`,
      async () => {
        status = (await cluster.deployment(namespace, 'podinfo')).status;
        return status.updatedReplicas === 2 && status.availableReplicas === 1;
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(status) },
    );
  }

  const ready = (pod: any) =>
    pod.status?.conditions?.some(
      (c: any) => c.type === 'Ready' && c.status === 'True',
    );

  it('releases a DaemonSet: initialises with the primary DaemonSet ready and the canary DaemonSet holding no pods, then promotes a new image 20, 40, 60, 80 to Succeeded, the new image on the primary pods', async () => {
    const ns = 'daemonset-istio';
    await createNamespace(ns);
    await cluster.apply({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'podinfo', namespace: ns, labels: { app: 'podinfo' } },
      spec: {
        selector: { matchLabels: { app: 'podinfo' } },
        template: {
          metadata: { labels: { app: 'podinfo' } },
          spec: { containers: [CONTAINER] },
        },
      },
    });
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 30 });
    await cluster.apply(
      podinfoCanary(
        ns,
        {
          targetRef: {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: 'podinfo',
          },
        },
        {
          maxWeight: 80,
          stepWeight: 20,
          metrics: [
            {
              name: 'request-success-rate',
              thresholdRange: { min: 99 },
              interval: '15s',
            },
            {
              name: 'request-duration',
              thresholdRange: { max: 500 },
              interval: '15s',
            },
          ],
        },
      ),
    );
    await waitForPhase(ns, 'Initialized');

    const primary = await cluster.get(
      'apps/v1',
      'DaemonSet',
      ns,
      'podinfo-primary',
    );
    expect(primary.spec.selector.matchLabels).toEqual({
      app: 'podinfo-primary',
    });
    expect(primary.status).toMatchObject({
      desiredNumberScheduled: 1,
      numberAvailable: 1,
    });
    expect((await podsOf(ns, 'podinfo-primary')).map(ready)).toEqual([true]);
    // Scaled to zero the DaemonSet way: its pods select no node, so it holds none.
    await waitFor(
      'the canary DaemonSet to hold no pods',
      async () => (await podsOf(ns, 'podinfo')).length === 0,
      { timeoutMs: 30_000 },
    );
    const canary = await cluster.get('apps/v1', 'DaemonSet', ns, 'podinfo');
    expect(canary.spec.template.spec.nodeSelector).toEqual({
      'delivery.vane.dev/scale-to-zero': 'true',
    });
    expect(canary.status.desiredNumberScheduled).toBe(0);

    const progress = recordCanaryProgress(cluster, ns, 'podinfo');
    await cluster.patch('apps/v1', 'DaemonSet', ns, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image: NEXT }] } },
      },
    });
    await waitForPhase(ns, 'Succeeded', 180_000);
    await progress.stop();

    expect(progress.weights()).toEqual([20, 40, 60, 80]);
    const phases = progress.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    // Promoting waits for the primary to roll the new template out: its pod runs it, Ready.
    const primaryPods = await podsOf(ns, 'podinfo-primary');
    expect(
      primaryPods.map(pod => [pod.spec.containers[0].image, ready(pod)]),
    ).toEqual([[NEXT, true]]);
    await waitFor(
      'the canary DaemonSet to hold no pods again',
      async () => (await podsOf(ns, 'podinfo')).length === 0,
      { timeoutMs: 30_000 },
    );
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 0 });
  });

  it('with a KEDA ScaledObject autoscalerRef, creates podinfo-so-primary scaling podinfo-primary, pauses the target one between rollouts, and brings the copy up to it on promotion', async () => {
    const ns = 'keda-istio';
    await createNamespace(ns);
    await cluster.apply(podinfoDeployment(ns));
    await cluster.apply({
      apiVersion: KEDA,
      kind: 'ScaledObject',
      metadata: { name: 'podinfo-so', namespace: ns },
      spec: {
        scaleTargetRef: { name: 'podinfo' },
        minReplicaCount: 2,
        maxReplicaCount: 4,
        triggers: [
          {
            type: 'prometheus',
            name: 'requests',
            metadata: {
              serverAddress: lab.prometheusUrl,
              query: `sum(rate(istio_requests_total{destination_workload="podinfo",destination_workload_namespace="${ns}"}[1m]))`,
              threshold: '20',
            },
          },
        ],
      },
    });
    await cluster.apply(
      podinfoCanary(
        ns,
        {
          autoscalerRef: {
            apiVersion: KEDA,
            kind: 'ScaledObject',
            name: 'podinfo-so',
          },
        },
        {
          maxWeight: 50,
          stepWeight: 50,
          webhooks: [gate('confirm-promotion', '/keda/confirm-promotion')],
        },
      ),
    );
    await waitForPhase(ns, 'Initialized');

    const copy = await cluster.get(
      KEDA,
      'ScaledObject',
      ns,
      'podinfo-so-primary',
    );
    expect(copy.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Canary',
        name: 'podinfo',
        controller: true,
      }),
    ]);
    expect(copy.spec).toEqual({
      scaleTargetRef: { name: 'podinfo-primary' },
      minReplicaCount: 2,
      maxReplicaCount: 4,
      triggers: [
        {
          type: 'prometheus',
          name: 'requests',
          metadata: {
            serverAddress: lab.prometheusUrl,
            query: `sum(rate(istio_requests_total{destination_workload="podinfo-primary",destination_workload_namespace="${ns}"}[1m]))`,
            threshold: '20',
          },
        },
      ],
    });
    const target = () => cluster.get(KEDA, 'ScaledObject', ns, 'podinfo-so');
    // Between rollouts KEDA is told to hold the canary at zero, as Flagger tells it.
    expect((await target()).metadata.annotations).toEqual({
      [PAUSED_REPLICAS]: '0',
    });
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(0);

    // A release that also raises the target's maximum.
    await cluster.patch(KEDA, 'ScaledObject', ns, 'podinfo-so', {
      spec: { maxReplicaCount: 6 },
    });
    await cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image: NEXT }] } },
      },
    });
    await waitForPhase(ns, 'WaitingPromotion');
    // During the analysis KEDA may scale the canary again, and the copy is not promoted yet.
    expect((await target()).metadata.annotations ?? {}).not.toHaveProperty(
      PAUSED_REPLICAS,
    );
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(2);
    expect(
      (await cluster.get(KEDA, 'ScaledObject', ns, 'podinfo-so-primary')).spec
        .maxReplicaCount,
    ).toBe(4);

    open.add('/keda/confirm-promotion');
    await waitForPhase(ns, 'Succeeded');
    expect(
      (await cluster.get(KEDA, 'ScaledObject', ns, 'podinfo-so-primary')).spec
        .maxReplicaCount,
    ).toBe(6);
    expect((await target()).metadata.annotations).toEqual({
      [PAUSED_REPLICAS]: '0',
    });
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(0);
    expect(
      (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
        .containers[0].image,
    ).toBe(NEXT);
  });

  it('with canaryReadyThreshold 50, progresses with one of the two canary pods not ready to Succeeded, where the same rollout at 100 waits for it', async () => {
    const namespaces = { 50: 'ready-threshold-50', 100: 'ready-threshold-100' };
    for (const [threshold, ns] of Object.entries(namespaces)) {
      await createNamespace(ns);
      await cluster.apply(podinfoDeployment(ns));
      await cluster.apply(
        podinfoCanary(
          ns,
          { progressDeadlineSeconds: 600 },
          {
            maxWeight: 50,
            stepWeight: 50,
            canaryReadyThreshold: Number(threshold),
            webhooks: [
              gate(
                'confirm-traffic-increase',
                `/threshold-${threshold}/confirm-traffic-increase`,
              ),
            ],
          },
        ),
      );
    }
    for (const ns of Object.values(namespaces)) {
      await waitForPhase(ns, 'Initialized');
      await cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
        spec: {
          template: {
            spec: { containers: [{ name: 'podinfod', image: NEXT }] },
          },
        },
      });
    }
    // Both canaries scaled up and ready, held at weight 0 by their closed gates.
    for (const ns of Object.values(namespaces)) {
      await waitForStatus(
        ns,
        'to be held at weight 0 by its confirm-traffic-increase gate',
        s =>
          s.phase === 'Progressing' &&
          s.gate?.type === 'confirm-traffic-increase',
      );
    }

    // One of the two canary pods of each crashes: 1 of 2 updated replicas available.
    for (const ns of Object.values(namespaces)) {
      await crashOneCanaryPod(ns);
    }

    const progress = recordCanaryProgress(cluster, namespaces[50], 'podinfo');
    open.add('/threshold-50/confirm-traffic-increase');
    open.add('/threshold-100/confirm-traffic-increase');
    await waitForPhase(namespaces[50], 'Succeeded');
    await progress.stop();
    expect(progress.weights()).toEqual([50]);

    // The same rollout at 100% holds at weight 0 for the pod that is not ready.
    const held = await waitForStatus(
      namespaces[100],
      'to wait for its canary to be ready',
      s =>
        s.reason ===
        `Waiting for podinfo.${namespaces[100]} to be ready: waiting for rollout to finish: 1 of 2 (readyThreshold 100%) updated replicas are available`,
    );
    expect(held).toMatchObject({ phase: 'Progressing', canaryWeight: 0 });
  });
});
