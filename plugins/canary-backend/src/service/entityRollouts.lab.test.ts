import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../plugin';
import { deployLabPodinfo } from './__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from './__testUtils__/istioPodinfoCanary';
import { LabCluster } from '../testing/LabCluster';
import { componentEntity } from './__testUtils__/rolloutObjects';
import { openEventStream } from './__testUtils__/openEventStream';

// The portal API end to end: the real canary plugin (engine, caches, routes) in a test backend,
// against the mesh lab's real API server, read over HTTP as the frontend reads it.
jest.setTimeout(5 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';

describe('GET /entities/:kind/:namespace/:name/rollouts against the mesh lab', () => {
  let lab: Lab | undefined;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
  });

  /** Polls podinfo's rollouts until `check` holds of a 200 answer; returns the last body. */
  async function rolloutsUntil(
    description: string,
    check: (body: any) => boolean,
  ) {
    let body: any;
    await waitFor(
      description,
      async () => {
        const res = await request(backend!.server).get(
          '/api/canary/entities/component/default/podinfo/rollouts',
        );
        body = res.body;
        return res.status === 200 && check(body);
      },
      { timeoutMs: 180_000, observe: () => JSON.stringify(body) },
    );
    return body;
  }

  /** The canary plugin in a test backend against the lab, podinfo's entity owned by team-a. */
  function startBackend(from: Lab) {
    return startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            canary: {
              // LabClusterConfig is plain JSON; its interface lacks JsonObject's index signature.
              clusters: [{ ...from.clusterConfig('lab') }],
              engine: { leaseDurationSeconds: 6 },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            componentEntity('podinfo', 'group:default/team-a', {
              'backstage.io/kubernetes-id': 'podinfo',
            }),
          ],
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  }

  it("shows the entity's Canary reaching Initialized, with the primary image and the planned steps", async () => {
    lab = await startLab({ readyDelayMs: 300 });
    const cluster = new LabCluster(lab);
    const ns = 'portal';
    await deployLabPodinfo(cluster, {
      namespace: ns,
      image: GOOD,
      service: false,
    });
    await cluster.apply(
      istioPodinfoCanary(ns, {
        interval: '4s',
        threshold: 3,
        maxWeight: 80,
        stepWeight: 20,
      }),
    );

    backend = await startBackend(lab);

    // The engine records its event right around the status patch: wait for both.
    const body = await rolloutsUntil(
      'the API to show Canary portal/podinfo Initialized with its event',
      b =>
        b.items?.[0]?.status?.phase === 'Initialized' &&
        b.items[0].events.some(
          (e: any) => e.message === 'Initialization done! podinfo.portal',
        ),
    );

    expect(body.errors).toEqual([]);
    expect(body.items).toHaveLength(1);
    const [rollout] = body.items;
    expect(rollout).toMatchObject({
      cluster: 'lab',
      namespace: ns,
      name: 'podinfo',
      entityRef: 'component:default/podinfo',
      provider: 'istio',
    });
    expect(rollout.spec.strategy).toBe('canary');
    expect(rollout.spec.steps).toEqual([20, 40, 60, 80]);
    expect(rollout.images.primary).toEqual([
      { container: 'podinfod', image: GOOD },
    ]);
    expect(rollout.status.canaryWeight).toBe(0);
    expect(rollout.events.map((e: any) => e.message)).toContain(
      'Initialization done! podinfo.portal',
    );
  });

  it('lets an owner pause and then abort the rollout through the API, and the engine acts on it', async () => {
    const cluster = new LabCluster(lab!);
    const ns = 'portal';
    const api = (action: string) =>
      request(backend!.server).post(
        `/api/canary/entities/component/default/podinfo/rollouts/lab/${ns}/podinfo/${action}`,
      );
    const status = async () => (await cluster.canary(ns, 'podinfo'))?.status;
    let last: any;
    const until = (description: string, check: (s: any) => boolean) =>
      waitFor(
        description,
        async () => {
          last = await status();
          return last && check(last);
        },
        { timeoutMs: 120_000, observe: () => JSON.stringify(last) },
      );

    await cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.1.0' },
            ],
          },
        },
      },
    });
    await until(
      'the rollout to take traffic',
      s => s.phase === 'Progressing' && s.canaryWeight >= 20,
    );

    const paused = await api('pause');
    expect(paused.status).toBe(202);
    await until('the engine to hold the paused analysis', s =>
      /^Paused by user:default\/mock: the analysis holds at weight \d+ until resumed$/.test(
        s.reason ?? '',
      ),
    );
    expect((await api('pause')).status).toBe(409);

    const aborted = await api('abort');
    expect(aborted.status).toBe(202);
    await until('the abort to roll the canary back', s => s.phase === 'Failed');
    expect(last.reason).toBe('Aborted by user:default/mock');
    const vs = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      ns,
      'podinfo',
    );
    expect(vs.spec.http[0].route.map((r: any) => r.weight)).toEqual([100, 0]);
    expect((await api('abort')).status).toBe(409);
  });

  it('serves the overview, the entity stream, clusters and workloads from the lab, and refuses what does not fit', async () => {
    const ns = 'portal';
    const get = (path: string) =>
      request(backend!.server).get(`/api/canary${path}`);
    const rolloutPath = `/entities/component/default/podinfo/rollouts/lab/${ns}/podinfo`;

    // The previous test aborted the rollout: the overview shows it Failed for its owner.
    const overview = await get('/rollouts?owner=group:default/team-a');
    expect(overview.status).toBe(200);
    expect(overview.body.totalCount).toBe(1);
    expect(overview.body.items[0]).toMatchObject({
      name: 'podinfo',
      entityRef: 'component:default/podinfo',
      status: { phase: 'Failed' },
    });
    expect(
      (await get('/rollouts?owner=group:default/team-a&phase=Succeeded')).body
        .totalCount,
    ).toBe(0);
    expect(
      (await get('/rollouts?owner=group:default/team-b')).body.items,
    ).toEqual([]);
    const badPhase = await get('/rollouts?phase=Sleeping');
    expect(badPhase.status).toBe(400);
    expect(badPhase.body.error.message).toContain('phase "Sleeping"');

    // An action that does not fit the phase is a 409 naming the phase; an unknown one a 400.
    const promote = await request(backend!.server).post(
      `/api/canary${rolloutPath}/promote`,
    );
    expect(promote.status).toBe(409);
    expect(promote.body.error.message).toContain('(phase Failed)');
    expect(
      (await request(backend!.server).post(`/api/canary${rolloutPath}/skip`))
        .status,
    ).toBe(400);
    expect(
      (
        await request(backend!.server).post(
          `/api/canary/entities/component/default/podinfo/rollouts/lab/${ns}/nope/retry`,
        )
      ).status,
    ).toBe(404);

    // The entity's stream delivers the retried rollout going back to Progressing.
    const stream = await openEventStream(
      backend!.server,
      '/api/canary/entities/component/default/podinfo/stream',
    );
    try {
      const first = await stream.next('the entity rollouts at connection');
      expect(first.event).toBe('rollouts');
      expect(first.data.items[0].status.phase).toBe('Failed');
      const retried = await request(backend!.server).post(
        `/api/canary${rolloutPath}/retry`,
      );
      expect(retried.status).toBe(202);
      let phase = 'Failed';
      while (phase === 'Failed') {
        const event = await stream.next(
          'the retried rollout to leave Failed on the stream',
          60_000,
        );
        phase = event.data.items[0]?.status.phase;
      }
      expect(['Progressing', 'Waiting']).toContain(phase);
    } finally {
      stream.close();
    }

    // Self-service reads: the cluster with its discovered meshes, the entity's Deployments.
    const clusters = await get('/clusters');
    expect(clusters.status).toBe(200);
    expect(clusters.body.items).toEqual([
      expect.objectContaining({
        name: 'lab',
        available: true,
        meshProviders: expect.arrayContaining(['istio']),
      }),
    ]);
    const workloads = await get(
      '/entities/component/default/podinfo/workloads',
    );
    expect(workloads.status).toBe(200);
    expect(
      workloads.body.items.map(
        (w: any) => `${w.cluster}/${w.namespace}/${w.name}`,
      ),
    ).toEqual([`lab/${ns}/podinfo`]);
    expect(workloads.body.items[0].canary).toBe(`${ns}/podinfo`);
  });

  it("shows the Canary's Events as the cluster holds them: another writer's, and after a restart those recorded before it", async () => {
    const cluster = new LabCluster(lab!);
    const ns = 'portal';
    const canary = await cluster.canary(ns, 'podinfo');
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    // As another replica's engine (or kubectl) would write it: this backend never saw it written.
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'podinfo.17f0000000000000', namespace: ns },
      involvedObject: {
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        name: 'podinfo',
        namespace: ns,
        uid: canary.metadata.uid,
      },
      reason: 'Synced',
      message: 'Recorded by another replica',
      type: 'Warning',
      source: { component: 'vane-canary' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
    const messagesOf = (body: any): string[] =>
      (body.items?.[0]?.events ?? []).map((e: any) => e.message);
    const eventsShow = (description: string, wanted: string[]) =>
      rolloutsUntil(description, b =>
        wanted.every(message => messagesOf(b).includes(message)),
      );
    const body = await eventsShow(
      "the other replica's Event in the running backend",
      ['Recorded by another replica'],
    );
    expect(
      body.items[0].events.find(
        (e: any) => e.message === 'Recorded by another replica',
      ),
    ).toEqual({
      type: 'Warning',
      reason: 'Synced',
      message: 'Recorded by another replica',
      time: now,
      count: 1,
    });

    // A restarted backend has recorded nothing yet: it shows what the cluster holds. The five
    // newest before the restart (engine Events among them) must all be back.
    const before = messagesOf(body).slice(0, 5);
    expect(before.length).toBe(5);
    await backend!.stop();
    backend = await startBackend(lab!);
    await eventsShow('the five newest Events from before the restart', before);
  });

  // Flagger's Canaries as users bring them, with only their apiVersion changed.

  /**
   * podinfo in `namespace` and a Flagger Canary for it, as a user ports it: only its apiVersion
   * changed (and Istio named as its provider, which Flagger had as a flag).
   */
  async function applyFlaggerCanary(
    namespace: string,
    spec: Record<string, unknown>,
  ) {
    const cluster = new LabCluster(lab!);
    await deployLabPodinfo(cluster, { namespace, image: GOOD, service: false });
    await cluster.apply({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name: 'podinfo', namespace },
      spec: {
        provider: 'istio',
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo',
        },
        ...spec,
      },
    });
    return cluster;
  }

  it('applies a v1alpha3-style Flagger Canary (canaryAnalysis), which the engine runs and kubectl get canaries -o wide shows with its interval and weights', async () => {
    const ns = 'flagger-v1alpha3';
    // The SuperGloo walkthrough's Canary (seeds/000), with a short interval and no HPA (the lab
    // runs none for podinfo).
    const cluster = await applyFlaggerCanary(ns, {
      progressDeadlineSeconds: 60,
      service: {
        port: 9898,
        gateways: ['public-gateway.istio-system.svc.cluster.local', 'mesh'],
        hosts: ['app.example.com'],
      },
      canaryAnalysis: {
        interval: '5s',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          { name: 'request-success-rate', threshold: 99, interval: '1m' },
          { name: 'request-duration', threshold: 500, interval: '30s' },
        ],
      },
    });

    let rows: Array<Record<string, unknown>> = [];
    await waitFor(
      `kubectl get canaries -n ${ns} to show podinfo Initialized`,
      async () => {
        rows = await cluster.table('delivery.vane.dev/v1alpha1', 'Canary', ns);
        return rows[0]?.Status === 'Initialized';
      },
      { timeoutMs: 120_000, observe: () => JSON.stringify(rows) },
    );
    expect(rows).toEqual([
      {
        Name: 'podinfo',
        Status: 'Initialized',
        Weight: 0,
        FailedChecks: 0,
        Interval: '5s',
        Mirror: null,
        StepWeight: 10,
        StepWeights: null,
        MaxWeight: 50,
        LastTransitionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it("keeps the Flagger fields Vane refuses (none pruned by the API server), refuses them by name on the status, creates nothing, and the portal's API shows why", async () => {
    const ns = 'flagger-refused';
    // App Mesh's meshName is refused; primaryReadyThreshold (accepted) was pruned in silence before.
    const cluster = await applyFlaggerCanary(ns, {
      service: { port: 9898, targetPort: 9898, meshName: 'global' },
      analysis: {
        interval: '5s',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        primaryReadyThreshold: 50,
      },
    });

    const stored = await cluster.canary(ns, 'podinfo');
    expect(stored.spec.service.meshName).toBe('global');
    expect(stored.spec.analysis.primaryReadyThreshold).toBe(50);

    const message = `Invalid Canary ${ns}/podinfo: service.meshName is not supported: it names the mesh of Flagger's appmesh router for App Mesh v1beta1; Vane's appmesh writes v1beta2, where a namespace joins a mesh by the Mesh's namespaceSelector and App Mesh's controller sets each object's meshRef (Flagger's appmesh:v1beta2 ignores it too); label the namespace for its mesh, and remove it (got "global")`;
    const body = await rolloutsUntil(
      `the API to show Canary ${ns}/podinfo Valid=False`,
      b =>
        b.items?.some(
          (item: any) =>
            item.namespace === ns &&
            item.status.conditions.some((c: any) => c.type === 'Valid'),
        ),
    );
    const rollout = body.items.find((item: any) => item.namespace === ns);
    expect(rollout.status.conditions).toEqual([
      expect.objectContaining({ type: 'Valid', status: 'False', message }),
    ]);
    expect((await cluster.canary(ns, 'podinfo')).status.phase).toBeUndefined();
    expect(await cluster.deployment(ns, 'podinfo-primary')).toBeUndefined();
    expect(
      await cluster.get(
        'networking.istio.io/v1beta1',
        'VirtualService',
        ns,
        'podinfo',
      ),
    ).toBeUndefined();
  });
});
