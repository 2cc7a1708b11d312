import { WEBHOOK_TYPES } from '@vane/plugin-canary-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import { startAlertReceiver } from '../alerts/__testUtils__/startAlertReceiver';
import {
  startWebhookReceiver,
  WebhookAnswer,
} from '../checks/testing/startWebhookReceiver';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// Lab integration tests of the rollout engine: the real apiserver, controllers and Prometheus of
// the mesh lab, its simulated data plane, and the canary plugin in a Backstage backend process.
jest.setTimeout(10 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';
/** The lab runs Kubernetes 1.20: autoscaling/v2beta2, no autoscaling/v2. */
const HPA_VERSION = 'autoscaling/v2beta2';

/** The seed walkthrough's Canary with a short interval, for provider and namespace `namespace`. */
function seedCanary(
  namespace: string,
  provider?: string,
  analysis: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      ...(provider ? { provider } : {}),
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      service: { port: 9898, targetPort: 9898 },
      analysis: {
        interval: '4s',
        threshold: 3,
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
        ...analysis,
      },
    },
  };
}

function podinfoDeployment(namespace: string, image = GOOD) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace, labels: { app: 'podinfo' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: {
          containers: [
            {
              name: 'podinfod',
              image,
              ports: [{ name: 'http', containerPort: 9898 }],
            },
          ],
        },
      },
    },
  };
}

/** The walkthrough's HPA: podinfo between 2 and 4 replicas at 99% CPU. */
function podinfoHpa(namespace: string) {
  return {
    apiVersion: HPA_VERSION,
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'podinfo', namespace, labels: { app: 'podinfo' } },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'podinfo',
      },
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 99 },
          },
        },
      ],
    },
  };
}

/** A Canary scaled by the HPA `podinfo` (Flagger's `autoscalerRef`). */
function withAutoscaler(canary: any, apiVersion: string) {
  return {
    ...canary,
    spec: {
      ...canary.spec,
      autoscalerRef: {
        apiVersion,
        kind: 'HorizontalPodAutoscaler',
        name: 'podinfo',
      },
    },
  };
}

describe('rollout engine against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess | undefined;
  // Stands in for a Slack webhook (every Canary's alerts, Flagger's global -slack-url) and for an
  // on-call service (only the errors of Canaries that name it in analysis.alerts).
  let alerts: Awaited<ReturnType<typeof startAlertReceiver>>;

  beforeAll(async () => {
    alerts = await startAlertReceiver();
    lab = await startLab({
      readyDelayMs: 300,
      // `kubectl set image` to this tag is a bad release: 10% errors and 800 ms answers.
      imageBehaviours: { [FAULTY]: { errorRate: 0.1, latencyMs: 800 } },
    });
    cluster = new LabCluster(lab);
    engine = await startEngineProcess({
      name: 'main',
      config: {
        canary: {
          clusters: [lab.clusterConfig('lab')],
          engine: { leaseDurationSeconds: 6 },
          alertProviders: [
            {
              name: 'releases',
              type: 'slack',
              url: `${alerts.url}/slack`,
              channel: 'releases',
              severity: 'info',
            },
            { name: 'on-call', type: 'generic', url: `${alerts.url}/on-call` },
          ],
        },
      },
    });
    await engine.waitForOutput(/now drives this cluster/);
  });

  afterAll(async () => {
    await engine?.stop();
    await lab?.stop();
    await alerts?.close();
  });

  /** The Slack texts sent about the Canary in `namespace`, oldest first. */
  const slackTexts = (namespace: string) =>
    alerts.received
      .filter(
        r =>
          r.path === '/slack' &&
          r.body.attachments[0].title === `podinfo.${namespace}`,
      )
      .map(r => r.body.text as string);

  /** Waits until the Slack stand-in got `count` alerts about the Canary in `namespace`. */
  async function waitForSlack(namespace: string, count: number) {
    await waitFor(
      `${count} Slack alerts about podinfo.${namespace}`,
      () => slackTexts(namespace).length >= count,
      {
        timeoutMs: 30_000,
        observe: () => JSON.stringify(slackTexts(namespace)),
      },
    );
    return slackTexts(namespace);
  }

  async function deployPodinfo(namespace: string) {
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    await cluster.apply(podinfoDeployment(namespace));
    lab.setLoad({ service: 'podinfo', namespace, rps: 30 });
  }

  async function waitForPhase(
    namespace: string,
    phase: string,
    timeoutMs = 120_000,
  ) {
    let last: any;
    await waitFor(
      `Canary ${namespace}/podinfo to reach ${phase}`,
      async () => {
        last = (await cluster.canary(namespace, 'podinfo'))?.status;
        return last?.phase === phase;
      },
      { timeoutMs, observe: () => JSON.stringify(last) },
    );
    return last;
  }

  /** Waits for the Canary's Valid=False condition and returns its status. */
  async function waitForInvalid(namespace: string) {
    let status: any;
    await waitFor(
      `Canary ${namespace}/podinfo to get a Valid=False condition`,
      async () => {
        status = (await cluster.canary(namespace, 'podinfo'))?.status;
        return status?.conditions?.some(
          (c: any) => c.type === 'Valid' && c.status === 'False',
        );
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  /** The seed Canary on Istio with `revertOnDeletion`, so the engine puts its finalizer on it. */
  async function applyRevertingCanary(namespace: string) {
    const canary = seedCanary(namespace, 'istio');
    await cluster.apply({
      ...canary,
      spec: { ...canary.spec, revertOnDeletion: true },
    });
  }

  async function setImage(namespace: string, image: string) {
    await cluster.patch('apps/v1', 'Deployment', namespace, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image }] } },
      },
    });
  }

  /** A hook call as the lab saw it: the Canary's status at that moment, and the phase sent. */
  interface HookCall {
    hook: string;
    phase?: string;
    canaryWeight?: number;
    sent?: string;
  }

  /**
   * A webhook receiver whose answers also note, for each call, where the Canary in `namespace`
   * stood: the engine writes the status after its checks, so what the API server holds while a
   * hook is being called is the state the engine asked it in.
   */
  async function startHookRecorder(
    namespace: string,
    answers: Record<string, WebhookAnswer>,
  ) {
    const calls: HookCall[] = [];
    const recording = Object.fromEntries(
      Object.entries(answers).map(([path, answer]): [string, WebhookAnswer] => [
        path,
        async (count, request) => {
          const status = (await cluster.canary(namespace, 'podinfo'))?.status;
          calls.push({
            hook: path.slice(1),
            phase: status?.phase,
            canaryWeight: status?.canaryWeight,
            sent: (request.body as any)?.phase,
          });
          return typeof answer === 'function' ? answer(count, request) : answer;
        },
      ]),
    );
    const receiver = await startWebhookReceiver(recording);
    const hook = (type: string, path = `/${type}`) => ({
      name: `${path.slice(1)}-hook`,
      type,
      url: receiver.url(path),
    });
    return { calls, hook, stop: receiver.stop };
  }

  /** Makes the canary's running pods (not the primary's) answer 50% errors, without a new revision. */
  async function makeCanaryPodsFaulty(namespace: string) {
    const pods = await cluster.client.request(
      'GET',
      `/api/v1/namespaces/${namespace}/pods?labelSelector=app%3Dpodinfo`,
    );
    expect(pods.items.length).toBeGreaterThan(0);
    for (const pod of pods.items) {
      await cluster.patch('v1', 'Pod', namespace, pod.metadata.name, {
        metadata: { annotations: { 'lab.vane.dev/error-rate': '0.5' } },
      });
    }
  }

  /** The weights the VirtualService of the Canary in `namespace` gives primary and canary. */
  async function virtualServiceWeights(namespace: string) {
    const vs = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      namespace,
      'podinfo',
    );
    return vs.spec.http[0].route.map((r: any) => r.weight);
  }

  it('walks the seed promotion on Istio: weights 20, 40, 60, 80, then Promoting, Finalising, Succeeded with the new image on primary', async () => {
    const ns = 'istio-promote';
    await deployPodinfo(ns);
    await cluster.apply(seedCanary(ns, 'istio'));
    await waitForPhase(ns, 'Initialized');

    const primary = await cluster.deployment(ns, 'podinfo-primary');
    expect(primary.spec.template.spec.containers[0].image).toBe(GOOD);
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(0);
    const vs = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      ns,
      'podinfo',
    );
    expect(
      vs.spec.http[0].route.map((r: any) => [r.destination.host, r.weight]),
    ).toEqual([
      ['podinfo-primary', 100],
      ['podinfo-canary', 0],
    ]);

    const progress = recordCanaryProgress(cluster, ns, 'podinfo');
    await setImage(ns, NEXT);
    await waitForPhase(ns, 'Succeeded');
    await progress.stop();

    expect(progress.weights()).toEqual([20, 40, 60, 80]);
    const phases = progress.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(
      (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
        .containers[0].image,
    ).toBe(NEXT);
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(0);
    const after = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      ns,
      'podinfo',
    );
    expect(after.spec.http[0].route.map((r: any) => r.weight)).toEqual([
      100, 0,
    ]);

    // The provider configured for every Canary heard the start and the promotion, once each.
    expect(await waitForSlack(ns, 2)).toEqual([
      `New revision detected, progressing canary analysis of podinfo.${ns}.`,
      `Canary analysis of podinfo.${ns} completed successfully, promotion finished.`,
    ]);
    const promoted = alerts.received.find(
      r =>
        r.path === '/slack' && r.body.text.includes(`podinfo.${ns} completed`),
    )!.body;
    expect(promoted.channel).toBe('releases');
    expect(promoted.attachments[0]).toMatchObject({
      color: 'good',
      fields: [
        { title: 'Cluster', value: 'lab', short: true },
        { title: 'Phase', value: 'Succeeded', short: true },
        { title: 'Canary weight', value: '0%', short: true },
      ],
    });
  });

  it('halts a faulty canary with the reason, counts failed checks 1, 2, 3 and rolls back to primary', async () => {
    const ns = 'istio-rollback';
    await deployPodinfo(ns);
    await cluster.apply(
      seedCanary(ns, 'istio', {
        alerts: [
          {
            name: 'on-call',
            severity: 'error',
            providerRef: { name: 'on-call' },
          },
        ],
      }),
    );
    await waitForPhase(ns, 'Initialized');

    const progress = recordCanaryProgress(cluster, ns, 'podinfo');
    await setImage(ns, FAULTY);
    const failed = await waitForPhase(ns, 'Failed', 180_000);
    await progress.stop();

    const failedChecks = progress.states
      .map(s => s.failedChecks ?? 0)
      .filter((n, i, all) => n > 0 && n !== all[i - 1]);
    expect(failedChecks).toEqual([1, 2, 3]);
    expect(failed.reason).toMatch(
      /^(request-success-rate \d+(\.\d+)?% < 99%|request-duration \d+(\.\d+)?ms > 500ms).*\(3 of 3 failed checks\)$/,
    );
    expect(failed.canaryWeight).toBe(0);
    const vs = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      ns,
      'podinfo',
    );
    expect(vs.spec.http[0].route.map((r: any) => r.weight)).toEqual([100, 0]);
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(0);
    expect(
      (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
        .containers[0].image,
    ).toBe(GOOD);

    // Slack (every Canary, info) heard the start and the rollback; the on-call service, which
    // this Canary names at severity error, only the rollback, with its reason.
    expect(await waitForSlack(ns, 2)).toEqual([
      `New revision detected, progressing canary analysis of podinfo.${ns}.`,
      `Canary analysis of podinfo.${ns} failed, rolled back to the primary.`,
    ]);
    const onCall = () =>
      alerts.received.filter(
        r => r.path === '/on-call' && r.body.namespace === ns,
      );
    await waitFor('the on-call alert', () => onCall().length > 0, {
      timeoutMs: 30_000,
    });
    expect(onCall().map(r => r.body)).toEqual([
      {
        cluster: 'lab',
        namespace: ns,
        name: 'podinfo',
        severity: 'error',
        phase: 'Failed',
        canaryWeight: 0,
        message: `Canary analysis of podinfo.${ns} failed, rolled back to the primary.`,
        reason: failed.reason,
      },
    ]);
  });

  it.each([
    ['gatewayapi', 'gateway.networking.k8s.io/v1beta1', 'HTTPRoute'],
    ['smi', 'split.smi-spec.io/v1alpha2', 'TrafficSplit'],
  ])('promotes through %s (%s %s)', async (provider, apiVersion, kind) => {
    const ns = `${provider}-promote`;
    await deployPodinfo(ns);
    await cluster.apply(seedCanary(ns, provider));
    await waitForPhase(ns, 'Initialized');
    expect(await cluster.get(apiVersion, kind, ns, 'podinfo')).toBeDefined();

    const progress = recordCanaryProgress(cluster, ns, 'podinfo');
    await setImage(ns, NEXT);
    await waitForPhase(ns, 'Succeeded');
    await progress.stop();
    expect(progress.weights()).toEqual([20, 40, 60, 80]);
    expect(
      (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
        .containers[0].image,
    ).toBe(NEXT);
  });

  it('with revertOnDeletion, deleting the Canary first hands the service back to the target: scaled up and ready, selected by the kept Service, the VirtualService removed; then the primary goes', async () => {
    const ns = 'revert-on-deletion';
    await deployPodinfo(ns);
    await applyRevertingCanary(ns);
    await waitForPhase(ns, 'Initialized');
    expect((await cluster.canary(ns, 'podinfo')).metadata.finalizers).toEqual([
      'delivery.vane.dev/revert-on-deletion',
    ]);
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(0);

    await cluster.delete('delivery.vane.dev/v1alpha1', 'Canary', ns, 'podinfo');
    let last: any;
    await waitFor(
      'the deleted Canary to go once the engine has handed traffic back',
      async () => {
        last = await cluster.canary(ns, 'podinfo');
        return last === undefined;
      },
      { timeoutMs: 120_000, observe: () => JSON.stringify(last?.status) },
    );

    const target = await cluster.deployment(ns, 'podinfo');
    expect(target.spec.replicas).toBe(2);
    expect(target.status.availableReplicas).toBe(2);
    const service = await cluster.get('v1', 'Service', ns, 'podinfo');
    expect(service.spec.selector).toEqual({ app: 'podinfo' });
    expect(service.metadata.ownerReferences).toBeUndefined();
    expect(
      await cluster.get(
        'networking.istio.io/v1beta1',
        'VirtualService',
        ns,
        'podinfo',
      ),
    ).toBeUndefined();
    const events = await cluster.client.request(
      'GET',
      `/api/v1/namespaces/${ns}/events`,
    );
    const messages = events.items.map((event: any) => event.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Terminating canary podinfo.revert-on-deletion: handing traffic back to Deployment revert-on-deletion/podinfo',
        "Traffic handed back to Deployment revert-on-deletion/podinfo; the primary and the Canary's Services go with the Canary",
      ]),
    );

    // The garbage collector takes what the Canary owned, and leaves the handed-back Service.
    await waitFor(
      'garbage collection to remove podinfo-primary and the podinfo-primary/podinfo-canary Services',
      async () =>
        !(await cluster.deployment(ns, 'podinfo-primary')) &&
        !(await cluster.get('v1', 'Service', ns, 'podinfo-primary')) &&
        !(await cluster.get('v1', 'Service', ns, 'podinfo-canary')),
      { timeoutMs: 60_000 },
    );
    expect(
      (await cluster.get('v1', 'Service', ns, 'podinfo')).spec.selector,
    ).toEqual({ app: 'podinfo' });
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(2);
  });

  it('releases a deleted Canary whose spec became invalid, with a warning, instead of holding its deletion for good', async () => {
    const ns = 'invalid-deleted';
    await deployPodinfo(ns);
    await applyRevertingCanary(ns);
    await waitForPhase(ns, 'Initialized');
    await cluster.patch('delivery.vane.dev/v1alpha1', 'Canary', ns, 'podinfo', {
      spec: { analysis: { stepWeight: 50, maxWeight: 30 } },
    });
    await waitForInvalid(ns);

    await cluster.delete('delivery.vane.dev/v1alpha1', 'Canary', ns, 'podinfo');
    await waitFor(
      'the deleted invalid Canary to go',
      async () => (await cluster.canary(ns, 'podinfo')) === undefined,
      { timeoutMs: 60_000 },
    );
    const events = await cluster.client.request(
      'GET',
      `/api/v1/namespaces/${ns}/events`,
    );
    expect(events.items.map((event: any) => event.message)).toContain(
      'Deleting canary podinfo.invalid-deleted without handing traffic back: analysis.stepWeight must not exceed analysis.maxWeight (30) (got 50)',
    );
  });

  it('reports an invalid Canary on its status, naming the field and the rule, and touches nothing', async () => {
    const ns = 'invalid';
    await deployPodinfo(ns);
    // stepWeight above maxWeight passes the CRD schema (ranges) but not the engine's rules.
    await cluster.apply(
      seedCanary(ns, 'istio', { stepWeight: 50, maxWeight: 30 }),
    );
    const status = await waitForInvalid(ns);
    const condition = status.conditions.find((c: any) => c.type === 'Valid');
    expect(condition.message).toBe(
      'Invalid Canary invalid/podinfo: analysis.stepWeight must not exceed analysis.maxWeight (30) (got 50)',
    );
    expect(status.phase).toBeUndefined();
    expect(
      await cluster.get(
        'networking.istio.io/v1beta1',
        'VirtualService',
        ns,
        'podinfo',
      ),
    ).toBeUndefined();
    expect(await cluster.deployment(ns, 'podinfo-primary')).toBeUndefined();
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(2);
  });

  // spec.autoscalerRef, with the lab's real HPA controller. The lab has no metrics-server, so no
  // HPA scales on CPU: these assert the objects the engine writes, not scaling.
  it('creates podinfo-primary scaling podinfo-primary at initialisation, and brings it up to the target HPA on promotion', async () => {
    const ns = 'hpa-promote';
    await deployPodinfo(ns);
    await cluster.apply(podinfoHpa(ns));
    await cluster.apply(withAutoscaler(seedCanary(ns, 'istio'), HPA_VERSION));
    await waitForPhase(ns, 'Initialized');

    const canary = await cluster.canary(ns, 'podinfo');
    const primaryHpa = await cluster.get(
      HPA_VERSION,
      'HorizontalPodAutoscaler',
      ns,
      'podinfo-primary',
    );
    expect(primaryHpa).toBeDefined();
    expect(primaryHpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'podinfo-primary',
    });
    expect(primaryHpa.spec.minReplicas).toBe(2);
    expect(primaryHpa.spec.maxReplicas).toBe(4);
    expect(primaryHpa.spec.metrics).toEqual(podinfoHpa(ns).spec.metrics);
    expect(primaryHpa.metadata.labels).toEqual({ app: 'podinfo' });
    expect(primaryHpa.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        name: 'podinfo',
        uid: canary.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    // The target's own HPA is left as it was.
    expect(
      (await cluster.get(HPA_VERSION, 'HorizontalPodAutoscaler', ns, 'podinfo'))
        .spec.scaleTargetRef.name,
    ).toBe('podinfo');

    await cluster.patch(HPA_VERSION, 'HorizontalPodAutoscaler', ns, 'podinfo', {
      spec: { maxReplicas: 5 },
    });
    await setImage(ns, NEXT);
    await waitForPhase(ns, 'Succeeded');

    const promoted = await cluster.get(
      HPA_VERSION,
      'HorizontalPodAutoscaler',
      ns,
      'podinfo-primary',
    );
    // What Flagger's walkthrough logs on promotion.
    expect(engine!.output()).toContain(
      `HorizontalPodAutoscaler podinfo-primary.${ns} updated`,
    );
    expect(promoted.spec.maxReplicas).toBe(5);
    expect(promoted.spec.minReplicas).toBe(2);
    expect(promoted.spec.scaleTargetRef.name).toBe('podinfo-primary');
    expect(
      (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
        .containers[0].image,
    ).toBe(NEXT);
  });

  it('waits with the reason on its status while the HPA is missing, touching nothing, and initialises once it exists (autoscaling/v2 on a cluster serving v2beta2)', async () => {
    const ns = 'hpa-missing';
    await deployPodinfo(ns);
    await cluster.apply(
      withAutoscaler(seedCanary(ns, 'istio'), 'autoscaling/v2'),
    );

    let status: any;
    await waitFor(
      'the Canary to say that its HorizontalPodAutoscaler is missing',
      async () => {
        status = (await cluster.canary(ns, 'podinfo'))?.status;
        return status?.reason?.includes('HorizontalPodAutoscaler');
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(status) },
    );
    expect(status.reason).toBe(
      `Canary ${ns}/podinfo: HorizontalPodAutoscaler podinfo.${ns} (spec.autoscalerRef) not found: create it, or remove autoscalerRef from the Canary`,
    );
    expect(status.phase).toBeUndefined();
    expect(await cluster.deployment(ns, 'podinfo-primary')).toBeUndefined();
    expect(
      await cluster.get(
        HPA_VERSION,
        'HorizontalPodAutoscaler',
        ns,
        'podinfo-primary',
      ),
    ).toBeUndefined();
    expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(2);

    await cluster.apply(podinfoHpa(ns));
    await waitForPhase(ns, 'Initialized');
    const primaryHpa = await cluster.get(
      HPA_VERSION,
      'HorizontalPodAutoscaler',
      ns,
      'podinfo-primary',
    );
    expect(primaryHpa.spec.scaleTargetRef.name).toBe('podinfo-primary');
    expect(primaryHpa.spec.maxReplicas).toBe(4);
  });

  it('copies the ConfigMap and Secret podinfo reads for the primary, and rolls out a change of the Secret alone, copying the new data on promotion', async () => {
    const ns = 'configs';
    const token = (value: string) => Buffer.from(value).toString('base64');
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'podinfo-env', namespace: ns },
      data: { PODINFO_UI_MESSAGE: 'hello' },
    });
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'podinfo-token', namespace: ns },
      type: 'Opaque',
      data: { token: token('first') },
    });
    const deployment = podinfoDeployment(ns);
    Object.assign(deployment.spec.template.spec.containers[0], {
      envFrom: [{ configMapRef: { name: 'podinfo-env' } }],
      env: [
        {
          name: 'PODINFO_TOKEN',
          valueFrom: {
            secretKeyRef: { name: 'podinfo-token', key: 'token' },
          },
        },
      ],
    });
    await cluster.apply(deployment);
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 30 });
    await cluster.apply(seedCanary(ns, 'istio'));
    await waitForPhase(ns, 'Initialized');

    const canary = await cluster.canary(ns, 'podinfo');
    const owner = expect.objectContaining({
      kind: 'Canary',
      name: 'podinfo',
      uid: canary.metadata.uid,
    });
    const configCopy = await cluster.get(
      'v1',
      'ConfigMap',
      ns,
      'podinfo-env-primary',
    );
    expect(configCopy.data).toEqual({ PODINFO_UI_MESSAGE: 'hello' });
    expect(configCopy.metadata.ownerReferences).toEqual([owner]);
    const secretCopy = await cluster.get(
      'v1',
      'Secret',
      ns,
      'podinfo-token-primary',
    );
    expect(secretCopy.type).toBe('Opaque');
    expect(secretCopy.data).toEqual({ token: token('first') });
    expect(secretCopy.metadata.ownerReferences).toEqual([owner]);
    const primary = (await cluster.deployment(ns, 'podinfo-primary')).spec
      .template.spec.containers[0];
    expect(primary.envFrom).toEqual([
      { configMapRef: { name: 'podinfo-env-primary' } },
    ]);
    expect(primary.env[0].valueFrom.secretKeyRef.name).toBe(
      'podinfo-token-primary',
    );

    // Only the Secret's data changes: the pod template is the same, the revision is not.
    const progress = recordCanaryProgress(cluster, ns, 'podinfo');
    await cluster.patch('v1', 'Secret', ns, 'podinfo-token', {
      data: { token: token('second') },
    });
    await waitForPhase(ns, 'Succeeded');
    await progress.stop();
    expect(progress.phases()).toContain('Progressing');
    expect(progress.weights()).toEqual([20, 40, 60, 80]);
    expect(
      (await cluster.get('v1', 'Secret', ns, 'podinfo-token-primary')).data,
    ).toEqual({ token: token('second') });
    expect(
      (await cluster.get('v1', 'ConfigMap', ns, 'podinfo-env-primary')).data,
    ).toEqual({ PODINFO_UI_MESSAGE: 'hello' });
  });

  // spec.service.apex/primary/canary, portDiscovery and unmanagedMetadata, on the real API server.
  it("gives the apex, primary and canary Services their metadata and the discovered ports, and a label someone else puts on the apex Service survives Vane's next update when unmanagedMetadata lists it", async () => {
    const ns = 'service-metadata';
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    const deployment = podinfoDeployment(ns);
    deployment.spec.template.spec.containers = [
      {
        name: 'podinfod',
        image: GOOD,
        ports: [
          { name: 'http', containerPort: 9898 },
          { name: 'http-metrics', containerPort: 9797 },
        ],
      },
      // Flagger's port discovery leaves the mesh proxy's ports out.
      {
        name: 'istio-proxy',
        image: 'istio/proxyv2:1.20.0',
        ports: [{ name: 'http-envoy-prom', containerPort: 15090 }],
      },
    ] as any;
    await cluster.apply(deployment);
    const canary = seedCanary(ns, 'istio');
    const service = {
      ...canary.spec.service,
      portDiscovery: true,
      apex: {
        labels: { team: 'reviews' },
        annotations: { 'example.com/dashboard': 'reviews' },
      },
      primary: { labels: { track: 'stable' } },
      canary: { annotations: { 'example.com/track': 'canary' } },
      unmanagedMetadata: { labels: ['owner'] },
    };
    await cluster.apply({ ...canary, spec: { ...canary.spec, service } });
    await waitForPhase(ns, 'Initialized');

    const serviceOf = (name: string) => cluster.get('v1', 'Service', ns, name);
    const [apex, primary, canaryService] = await Promise.all(
      ['podinfo', 'podinfo-primary', 'podinfo-canary'].map(serviceOf),
    );
    expect(
      [apex, primary, canaryService].map(s => ({
        labels: s.metadata.labels,
        annotations: s.metadata.annotations,
        ports: s.spec.ports.map((p: any) => [p.name, p.port, p.targetPort]),
      })),
    ).toEqual(
      [
        {
          labels: { team: 'reviews', app: 'podinfo' },
          annotations: { 'example.com/dashboard': 'reviews' },
        },
        { labels: { track: 'stable', app: 'podinfo-primary' } },
        {
          labels: { app: 'podinfo-canary' },
          annotations: { 'example.com/track': 'canary' },
        },
      ].map(metadata => ({
        annotations: undefined,
        ...metadata,
        ports: [
          ['http', 9898, 9898],
          ['http-metrics', 9797, 9797],
        ],
      })),
    );
    expect(
      (
        await cluster.get(
          'networking.istio.io/v1beta1',
          'VirtualService',
          ns,
          'podinfo',
        )
      ).metadata.labels,
    ).toEqual({ team: 'reviews' });

    // Someone else labels the apex: Vane's next update keeps the label unmanagedMetadata lists
    // and removes the other, as Flagger's reconcileService does.
    await cluster.patch('v1', 'Service', ns, 'podinfo', {
      metadata: { labels: { owner: 'sre', stray: 'x' } },
    });
    let labels: Record<string, string> = {};
    await waitFor(
      "Vane's next update of the apex Service to remove the label stray",
      async () => {
        labels = (await serviceOf('podinfo')).metadata.labels;
        return !('stray' in labels);
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(labels) },
    );
    expect(labels).toEqual({ team: 'reviews', app: 'podinfo', owner: 'sre' });

    // A change of service.apex reaches the Service at the next tick, the unmanaged label kept.
    await cluster.patch('delivery.vane.dev/v1alpha1', 'Canary', ns, 'podinfo', {
      spec: { service: { apex: { labels: { team: 'ratings' } } } },
    });
    await waitFor(
      'the apex Service to carry the new team label',
      async () => {
        labels = (await serviceOf('podinfo')).metadata.labels;
        return labels.team === 'ratings';
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(labels) },
    );
    expect(labels).toEqual({ team: 'ratings', app: 'podinfo', owner: 'sre' });
  });

  it('asks each hook where Flagger does: confirm-rollout before the rollout, rollback every analysis tick, confirm-traffic-increase only before an increase, confirm-promotion only at the last step, post-rollout at the end', async () => {
    const ns = 'hook-placement';
    const ok = { status: 200, body: 'ok' };
    const hooks = await startHookRecorder(ns, {
      '/confirm-rollout': ok,
      '/pre-rollout': ok,
      '/rollout': ok,
      '/confirm-traffic-increase': ok,
      '/confirm-promotion': ok,
      '/post-rollout': ok,
      '/rollback': { status: 400, body: 'no rollback' },
    });
    try {
      await deployPodinfo(ns);
      await cluster.apply(
        seedCanary(ns, 'istio', {
          interval: '2s',
          stepWeight: 40,
          maxWeight: 80,
          metrics: [],
          webhooks: WEBHOOK_TYPES.filter(type => type !== 'event').map(type =>
            hooks.hook(type),
          ),
        }),
      );
      await waitForPhase(ns, 'Initialized');
      expect(hooks.calls).toEqual([]);

      await setImage(ns, NEXT);
      await waitForPhase(ns, 'Succeeded');
      await waitFor(
        'the post-rollout hook',
        () => hooks.calls.some(c => c.hook === 'post-rollout'),
        { timeoutMs: 30_000, observe: () => JSON.stringify(hooks.calls) },
      );

      const at = (
        hook: string,
        phase: string,
        canaryWeight: number,
        sent = 'Progressing',
      ) => ({ hook, phase, canaryWeight, sent });
      expect(hooks.calls).toEqual([
        at('confirm-rollout', 'Initialized', 0, 'Initialized'),
        at('rollback', 'Progressing', 0),
        at('pre-rollout', 'Progressing', 0),
        at('confirm-traffic-increase', 'Progressing', 0),
        at('rollback', 'Progressing', 40),
        at('rollout', 'Progressing', 40),
        at('confirm-traffic-increase', 'Progressing', 40),
        at('rollback', 'Progressing', 80),
        at('rollout', 'Progressing', 80),
        at('confirm-promotion', 'Progressing', 80),
        at('post-rollout', 'Finalising', 0, 'Succeeded'),
      ]);
    } finally {
      await hooks.stop();
    }
  });

  it('keeps analysing a canary held at a confirm-promotion gate and rolls it back after threshold failed checks once it turns faulty', async () => {
    const ns = 'faulty-at-gate';
    const hooks = await startHookRecorder(ns, {
      '/confirm-promotion': { status: 403, body: 'not approved yet' },
    });
    try {
      await deployPodinfo(ns);
      await cluster.apply(
        seedCanary(ns, 'istio', {
          stepWeight: 50,
          maxWeight: 50,
          webhooks: [hooks.hook('confirm-promotion')],
        }),
      );
      await waitForPhase(ns, 'Initialized');
      const progress = recordCanaryProgress(cluster, ns, 'podinfo');
      await setImage(ns, NEXT);
      await waitForPhase(ns, 'WaitingPromotion');
      // Healthy, it waits, asking the gate again at every tick.
      await waitFor(
        'the gate to be asked again while the rollout waits',
        () =>
          hooks.calls.filter(c => c.phase === 'WaitingPromotion').length >= 2,
        { timeoutMs: 30_000, observe: () => JSON.stringify(hooks.calls) },
      );
      expect((await cluster.canary(ns, 'podinfo')).status.failedChecks).toBe(0);

      await makeCanaryPodsFaulty(ns);
      const failed = await waitForPhase(ns, 'Failed', 120_000);
      await progress.stop();

      const failing = progress.states.filter(s => (s.failedChecks ?? 0) > 0);
      expect(
        failing
          .filter(s => s.phase !== 'Failed')
          .map(s => [s.phase, s.canaryWeight, s.failedChecks]),
      ).toEqual([
        ['WaitingPromotion', 50, 1],
        ['WaitingPromotion', 50, 2],
        ['WaitingPromotion', 50, 3],
      ]);
      expect(failed.reason).toMatch(
        /^(request-success-rate \d+(\.\d+)?% < 99%|request-duration \d+(\.\d+)?ms > 500ms).*\(3 of 3 failed checks\)$/,
      );
      // The gate was never asked before the last step.
      expect(hooks.calls.filter(c => c.canaryWeight !== 50)).toEqual([]);
      expect(await virtualServiceWeights(ns)).toEqual([100, 0]);
      expect((await cluster.deployment(ns, 'podinfo')).spec.replicas).toBe(0);
      expect(
        (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
          .containers[0].image,
      ).toBe(GOOD);
    } finally {
      await hooks.stop();
    }
  });

  it('rolls back a release held at a confirm-promotion gate when its rollback hook asks for it', async () => {
    const ns = 'abort-at-gate';
    let abort = false;
    const hooks = await startHookRecorder(ns, {
      '/confirm-promotion': { status: 403, body: 'not approved yet' },
      '/rollback': () =>
        abort
          ? { status: 200, body: 'roll back' }
          : { status: 400, body: 'no' },
    });
    try {
      await deployPodinfo(ns);
      await cluster.apply(
        seedCanary(ns, 'istio', {
          interval: '2s',
          stepWeight: 50,
          maxWeight: 50,
          metrics: [],
          webhooks: [hooks.hook('confirm-promotion'), hooks.hook('rollback')],
        }),
      );
      await waitForPhase(ns, 'Initialized');
      await setImage(ns, NEXT);
      await waitForPhase(ns, 'WaitingPromotion');

      abort = true;
      const failed = await waitForPhase(ns, 'Failed');
      expect(failed.reason).toBe(
        'Rolled back by the rollback webhook rollback-hook',
      );
      // Asked in the phase the release was held in, and told it, as Flagger does.
      expect(hooks.calls.filter(c => c.hook === 'rollback').pop()).toEqual({
        hook: 'rollback',
        phase: 'WaitingPromotion',
        canaryWeight: 50,
        sent: 'WaitingPromotion',
      });
      expect(await virtualServiceWeights(ns)).toEqual([100, 0]);
      expect(
        (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
          .containers[0].image,
      ).toBe(GOOD);
    } finally {
      await hooks.stop();
    }
  });
});
