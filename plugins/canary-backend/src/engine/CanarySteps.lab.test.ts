import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  LAB_GATEWAYS,
  Lab,
  podinfoObjects,
  startLab,
  waitFor,
} from '@vane/mesh-lab';
import request from 'supertest';
import { startAlertReceiver } from '../alerts/__testUtils__/startAlertReceiver';
import { canaryPlugin } from '../plugin';
import { ownerOnlyPermissions } from '../service/__testUtils__/ownerOnlyPermissions';
import { componentEntity } from '../service/__testUtils__/rolloutObjects';
import { LabCluster } from '../testing/LabCluster';
import {
  CanaryState,
  recordCanaryProgress,
} from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// Argo Rollouts' steps (analysis.steps) end to end against the mesh lab: seed 004's Rollout as a
// Canary (setWeight 50, then a timed pause, on Istio behind a gateway), a `pause: {}` resumed
// through the portal API by an owner and refused to anyone else, a faulty canary rolled back
// during a timed pause, and a backend SIGKILLed during a timed pause. The four Canaries roll out
// side by side, each in its own namespace, so the suite costs about one rollout's time.
//
// Two backends, as in production: the engine process (startEngineProcess) holds the cluster's
// Lease and drives; a test backend with the portal's routes (catalog and permissions mocked, real
// HTTP) is a second replica, serving the API from its own caches and writing the owners' actions
// on the Canaries. When the engine process is killed, that replica takes the Lease over and goes
// on from what the status holds.
jest.setTimeout(10 * 60_000);

/** The walkthrough's images; any tag the lab has no behaviour for is a healthy release. */
const WEATHER_V1 = 'docker.io/atulinfracloud/weathersample:v1';
const WEATHER_V2 = 'docker.io/atulinfracloud/weathersample:v2';
const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';
const OWNER = 'user:default/owner';
const STRANGER = 'user:default/stranger';
const LEASE_SECONDS = 6;
const INTERVAL_SECONDS = 3;
/** Seed 004 pauses 10 minutes at 50%; here 20 s. */
const SEED_PAUSE_SECONDS = 20;
/** Long enough to kill the engine 10 s in, and for the other replica to take over with time left. */
const RESTART_PAUSE_SECONDS = 40;
const KILL_AFTER_SECONDS = 10;

const analysis = (steps: unknown[], threshold: number) => ({
  interval: `${INTERVAL_SECONDS}s`,
  // A healthy canary's first check can find no data yet (its series needs two scrapes): the
  // healthy scenarios allow for that blip, the faulty one rolls back at its second failure.
  threshold,
  steps,
  metrics: [
    {
      name: 'request-success-rate',
      thresholdRange: { min: 99 },
      interval: '15s',
    },
  ],
});

/**
 * Seed 004 on Vane: the Rollout `rollout-istio` becomes a Deployment of that name (the pod
 * template of the Rollout) and a Canary with the Rollout's steps; its Istio Gateway as written;
 * the VirtualService with its named route `primary` and the stable/canary Services are the ones
 * Vane writes (`rollout-istio`, `-primary`, `-canary`), bound to that Gateway for any host.
 */
function seed004Objects(namespace: string) {
  const labels = { app: 'rollout-istio' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'Gateway',
      metadata: { name: 'argo-gateway', namespace },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 80, name: 'http', protocol: 'HTTP' },
            hosts: ['*'],
          },
        ],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'rollout-istio', namespace, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'weather-app',
                image: WEATHER_V1,
                ports: [{ containerPort: 5000 }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name: 'rollout-istio', namespace },
      spec: {
        provider: 'istio',
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'rollout-istio',
        },
        service: {
          port: 80,
          targetPort: 5000,
          gateways: ['argo-gateway'],
          hosts: ['*'],
        },
        analysis: analysis(
          [
            { setWeight: 50 },
            { pause: { duration: `${SEED_PAUSE_SECONDS}s` } },
          ],
          5,
        ),
      },
    },
  ];
}

/** podinfo in `namespace` with an Istio Canary releasing by `steps`, its load from the mesh. */
function podinfoObjectsWithSteps(
  namespace: string,
  steps: unknown[],
  threshold: number,
) {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    ...podinfoObjects({
      namespace,
      name: 'podinfo',
      image: GOOD,
      service: false,
    }),
    {
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
        progressDeadlineSeconds: 120,
        service: { port: 9898, targetPort: 9898 },
        analysis: analysis(steps, threshold),
      },
    },
  ];
}

const SCENARIOS = {
  seed004: {
    namespace: 'seed-004',
    canary: 'rollout-istio',
    objects: seed004Objects('seed-004'),
    container: 'weather-app',
    release: WEATHER_V2,
  },
  held: {
    namespace: 'held',
    canary: 'podinfo',
    objects: podinfoObjectsWithSteps(
      'held',
      [{ setWeight: 50 }, { pause: {} }],
      5,
    ),
    container: 'podinfod',
    release: NEXT,
  },
  faulty: {
    namespace: 'faulty',
    canary: 'podinfo',
    objects: podinfoObjectsWithSteps(
      'faulty',
      [{ setWeight: 50 }, { pause: { duration: '5m' } }],
      2,
    ),
    container: 'podinfod',
    release: FAULTY,
  },
  restart: {
    namespace: 'restart',
    canary: 'podinfo',
    objects: podinfoObjectsWithSteps(
      'restart',
      // Argo Rollouts' other form of a duration: a number of seconds.
      [{ setWeight: 50 }, { pause: { duration: RESTART_PAUSE_SECONDS } }],
      5,
    ),
    container: 'podinfod',
    release: NEXT,
  },
} as const;
type ScenarioName = keyof typeof SCENARIOS;

/** What a scenario's driver saw, for its test to assert on. */
interface Observed {
  states: CanaryState[];
  final: any;
  /** The status while the pause held the rollout, as first seen. */
  paused?: any;
  [more: string]: unknown;
}

describe("Argo Rollouts' steps against the mesh lab", () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess;
  let replica: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  let alerts: Awaited<ReturnType<typeof startAlertReceiver>>;
  const results = new Map<ScenarioName, Observed | Error>();

  const canaryConfig = () => ({
    clusters: [{ ...lab.clusterConfig('lab') }],
    engine: { leaseDurationSeconds: LEASE_SECONDS },
    // The release channel: warnings and errors of every Canary, so it hears of a pause {}.
    alertProviders: [
      {
        name: 'releases',
        type: 'generic',
        url: `${alerts.url}/releases`,
        severity: 'warn',
      },
    ],
  });

  const status = async (name: ScenarioName) => {
    const { namespace, canary } = SCENARIOS[name];
    return (await cluster.canary(namespace, canary))?.status;
  };

  async function statusUntil(
    name: ScenarioName,
    description: string,
    check: (s: any) => boolean,
    timeoutMs = 180_000,
  ) {
    let last: any;
    await waitFor(
      `Canary ${SCENARIOS[name].namespace}/${SCENARIOS[name].canary} ${description}`,
      async () => {
        last = await status(name);
        return !!last && check(last);
      },
      { timeoutMs, observe: () => JSON.stringify(last) },
    );
    return last;
  }

  const releaseOf = (name: ScenarioName) => {
    const { namespace, canary, container, release } = SCENARIOS[name];
    const target = name === 'seed004' ? 'rollout-istio' : canary;
    // `kubectl argo rollouts set image rollout-istio weather-app=...:v2`, for a Deployment.
    return cluster.patch('apps/v1', 'Deployment', namespace, target, {
      spec: {
        template: {
          spec: { containers: [{ name: container, image: release }] },
        },
      },
    });
  };

  const api = () => request(replica!.server);
  const as = (user: string) => mockCredentials.user.header(user);
  const ACTIONS =
    '/api/canary/entities/component/default/held-service/rollouts';

  /** Runs one scenario to its end, recording its states; an error is kept for its test. */
  async function run(
    name: ScenarioName,
    drive: (observed: Observed) => Promise<void>,
  ) {
    const { namespace, canary } = SCENARIOS[name];
    const progress = recordCanaryProgress(cluster, namespace, canary);
    const observed: Observed = { states: progress.states, final: undefined };
    try {
      await releaseOf(name);
      await drive(observed);
      observed.final = await cluster.canary(namespace, canary);
      results.set(name, observed);
    } catch (error) {
      results.set(name, error as Error);
    } finally {
      await progress.stop();
    }
  }

  const pauseStarted = (s: any) => s.stepPause?.step === 1;

  beforeAll(async () => {
    alerts = await startAlertReceiver();
    lab = await startLab({
      readyDelayMs: 300,
      imageBehaviours: { [FAULTY]: { errorRate: 0.1, latencyMs: 800 } },
    });
    cluster = new LabCluster(lab);
    engine = await startEngineProcess({
      name: 'steps',
      config: { canary: canaryConfig() },
    });
    await engine.waitForOutput(/now drives this cluster/);
    replica = await startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: { canary: canaryConfig() },
        }),
        catalogServiceMock.factory({
          entities: [
            componentEntity('held-service', 'group:default/team-a', {
              'vane.dev/canary': 'held/podinfo',
            }),
          ],
        }),
        ownerOnlyPermissions(OWNER),
      ],
    });

    const names = Object.keys(SCENARIOS) as ScenarioName[];
    for (const name of names) {
      for (const object of SCENARIOS[name].objects) await cluster.apply(object);
    }
    // `hey http://$INGRESS_IP/` for seed 004, whose VirtualService is bound to its Gateway; the
    // others get their load from inside the mesh.
    lab.setLoad({ gateway: LAB_GATEWAYS.istio, rps: 30 });
    for (const name of names.filter(n => n !== 'seed004')) {
      lab.setLoad({
        service: 'podinfo',
        namespace: SCENARIOS[name].namespace,
        rps: 30,
      });
    }
    await Promise.all(
      names.map(name =>
        statusUntil(name, 'to be Initialized', s => s.phase === 'Initialized'),
      ),
    );

    await Promise.all([
      run('seed004', async observed => {
        observed.paused = await statusUntil(
          'seed004',
          'to pause at step 2 with 50% on the canary',
          pauseStarted,
        );
        observed.virtualService = await cluster.get(
          'networking.istio.io/v1beta1',
          'VirtualService',
          'seed-004',
          'rollout-istio',
        );
        await statusUntil(
          'seed004',
          'to succeed',
          s => s.phase === 'Succeeded',
        );
      }),

      run('faulty', async () => {
        await statusUntil('faulty', 'to fail', s => s.phase === 'Failed');
      }),

      run('restart', async observed => {
        const paused = await statusUntil(
          'restart',
          'to pause at step 2',
          pauseStarted,
        );
        observed.paused = paused;
        const start = Date.parse(paused.stepPause.startTime);
        // The engine has held the pause for a while: it measured the canary that long into it.
        await statusUntil(
          'restart',
          `to be analysed ${KILL_AFTER_SECONDS} s into its pause`,
          s =>
            Date.parse(s.metrics?.[0]?.measuredAt ?? 0) - start >=
            KILL_AFTER_SECONDS * 1000,
        );
        observed.killedAt = new Date().toISOString();
        await engine.kill();
        // The other replica takes the Lease over and holds the same pause: a status it wrote
        // (a fresh measurement) after the kill, still in the pause that started before it.
        observed.heldAfterKill = await statusUntil(
          'restart',
          'to be analysed again after the kill, still paused',
          s =>
            Date.parse(s.metrics?.[0]?.measuredAt ?? 0) >
              Date.parse(observed.killedAt as string) &&
            s.stepPause?.step === 1,
          60_000,
        );
        await statusUntil(
          'restart',
          'to succeed',
          s => s.phase === 'Succeeded',
        );
      }),

      run('held', async observed => {
        const paused = await statusUntil(
          'held',
          'to pause at step 2 until resumed',
          pauseStarted,
        );
        const start = Date.parse(paused.stepPause.startTime);
        // Held over several analysed ticks, nothing moving.
        await statusUntil(
          'held',
          `to be analysed ${4 * INTERVAL_SECONDS} s into its pause`,
          s =>
            Date.parse(s.metrics?.[0]?.measuredAt ?? 0) - start >=
            4 * INTERVAL_SECONDS * 1000,
        );
        let rollout: any;
        await waitFor(
          'the portal API to show the held rollout at its pause',
          async () => {
            const res = await api()
              .get(ACTIONS)
              .set('Authorization', as(STRANGER));
            rollout = res.body.items?.[0];
            return res.status === 200 && !!rollout?.status.stepPause;
          },
          { timeoutMs: 30_000, observe: () => JSON.stringify(rollout) },
        );
        observed.rollout = rollout;
        observed.beforeActions = await cluster.canary('held', 'podinfo');

        const refused = await api()
          .post(`${ACTIONS}/lab/held/podinfo/resume`)
          .set('Authorization', as(STRANGER));
        observed.refused = { status: refused.status, body: refused.body };
        observed.afterRefusal = await cluster.canary('held', 'podinfo');

        observed.resumedAt = Date.now();
        const resumed = await api()
          .post(`${ACTIONS}/lab/held/podinfo/resume`)
          .set('Authorization', as(OWNER));
        observed.resumed = { status: resumed.status, body: resumed.body };
        await statusUntil('held', 'to succeed', s => s.phase === 'Succeeded');
      }),
    ]);
  });

  afterAll(async () => {
    lab?.setLoad({ gateway: LAB_GATEWAYS.istio, rps: 0 });
    await replica?.stop();
    await engine?.stop();
    await lab?.stop();
    await alerts?.close();
  });

  const resultOf = (name: ScenarioName): Observed => {
    const result = results.get(name);
    if (!result) throw new Error(`scenario ${name} did not run`);
    if (result instanceof Error) throw result;
    return result;
  };

  /** Distinct canary weights in the order they appeared, zero left out. */
  const distinctWeights = (states: CanaryState[]) =>
    states
      .map(s => s.canaryWeight ?? 0)
      .filter((w, i, all) => w > 0 && w !== all[i - 1]);

  /** Distinct phases from the start of the rollout on. */
  const rolloutPhases = (states: CanaryState[]) => {
    const phases = states
      .map(s => s.phase)
      .filter((p, i, all) => p !== all[i - 1]);
    return phases.slice(phases.indexOf('Progressing'));
  };

  it("runs seed 004's steps on Istio: 50% through the gateway for the shortened pause, then the promotion", async () => {
    const { states, final, paused, virtualService } = resultOf(
      'seed004',
    ) as any;
    expect(distinctWeights(states)).toEqual([50]);
    expect(rolloutPhases(states)).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    // `kubectl argo rollouts get rollout`: "Step: 1/2, SetWeight: 50, ActualWeight: 50, Paused".
    expect(paused).toMatchObject({
      phase: 'Progressing',
      canaryWeight: 50,
      currentStepIndex: 1,
      reason: `Paused at step 2 of 2 (pause: ${SEED_PAUSE_SECONDS}s) until ${paused.stepPause.endTime}`,
    });
    const start = Date.parse(paused.stepPause.startTime);
    expect(Date.parse(paused.stepPause.endTime) - start).toBe(
      SEED_PAUSE_SECONDS * 1000,
    );
    // The promotion came once the pause was over, not before.
    const promoted = states.find((s: CanaryState) => s.phase === 'Promoting');
    expect(promoted!.at).toBeGreaterThanOrEqual(
      start + SEED_PAUSE_SECONDS * 1000,
    );
    // The VirtualService Vane wrote for the Rollout's: bound to the walkthrough's Gateway for any
    // host, half of its traffic to the canary while paused.
    expect(virtualService.spec).toMatchObject({
      gateways: ['argo-gateway'],
      hosts: ['*'],
      http: [
        {
          route: [
            { destination: { host: 'rollout-istio-primary' }, weight: 50 },
            { destination: { host: 'rollout-istio-canary' }, weight: 50 },
          ],
        },
      ],
    });
    // "Step: 2/2, Healthy": every step done, the new version on the primary.
    expect(final.status).toMatchObject({
      phase: 'Succeeded',
      currentStepIndex: 2,
    });
    expect(final.status.stepPause).toBeUndefined();
    const primary = await cluster.deployment(
      'seed-004',
      'rollout-istio-primary',
    );
    expect(primary.spec.template.spec.containers[0].image).toBe(WEATHER_V2);
    // The analysis judged what the gateway sent the canary.
    const [served] = await lab.query(
      `sum(istio_requests_total{reporter="destination",destination_workload_namespace="seed-004",destination_workload="rollout-istio",source_workload="istio-ingressgateway"})`,
    );
    expect(served?.value).toBeGreaterThan(0);
  });

  it('holds a pause {} until an owner resumes it through the API, and refuses the resume of a non-owner (403, nothing written)', async () => {
    const observed = resultOf('held') as any;
    const { states, rollout, refused, resumed, beforeActions, afterRefusal } =
      observed;
    // Shown as waiting, with the reason, in the portal's view of the rollout.
    expect(rollout.spec.canarySteps).toEqual([
      { setWeight: 50 },
      { pause: {} },
    ]);
    expect(rollout.status).toMatchObject({
      phase: 'Progressing',
      canaryWeight: 50,
      currentStepIndex: 1,
      stepPause: { step: 1 },
      reason:
        'Paused at step 2 of 2 (pause) until an owner resumes it or promotes the rollout',
    });
    expect(rollout.status.stepPause.endTime).toBeUndefined();
    // The owners are told, as for a manual gate.
    expect(
      alerts.received
        .filter(r => r.body.name === 'podinfo' && r.body.namespace === 'held')
        .map(r => [r.path, r.body.severity, r.body.message]),
    ).toContainEqual([
      '/releases',
      'warn',
      'podinfo.held is paused at step 2 until an owner resumes it: resume, promote or abort it on the Canary in Backstage.',
    ]);

    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Only owners of component:default/held-service may resume its rollouts (canary.rollout.update)',
    );
    expect(afterRefusal.metadata.annotations).toEqual(
      beforeActions.metadata.annotations,
    );
    expect(afterRefusal.status.stepPause).toEqual(
      beforeActions.status.stepPause,
    );

    expect(resumed).toEqual({
      status: 202,
      body: {
        action: 'resume',
        canary: 'lab/held/podinfo',
        message: `Step 2 resumed by ${OWNER}`,
      },
    });
    // Held until then: the rollout did not leave the pause before the resume.
    const beforeResume = states.filter(
      (s: CanaryState) => s.at < observed.resumedAt,
    );
    expect(
      beforeResume.filter(
        (s: CanaryState) =>
          s.phase !== 'Progressing' && s.phase !== 'Initialized',
      ),
    ).toEqual([]);
    expect(
      Math.max(
        ...beforeResume.map((s: CanaryState) => s.currentStepIndex ?? 0),
      ),
    ).toBe(1);
    expect(rolloutPhases(states)).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(observed.final.status.lastHandledRequest).toContain(
      '"action":"resume"',
    );
    const primary = await cluster.deployment('held', 'podinfo-primary');
    expect(primary.spec.template.spec.containers[0].image).toBe(NEXT);
  });

  it('rolls a faulty canary back during a timed pause after threshold failed checks, with the metric in the reason', async () => {
    const { states, final } = resultOf('faulty');
    const failing = states.filter(
      s => (s.failedChecks ?? 0) > 0 && s.phase === 'Progressing',
    );
    // Every failed check was counted while the pause held the rollout at 50%.
    expect(failing.map(s => s.failedChecks)).toEqual([1, 2]);
    for (const s of failing) {
      expect(s).toMatchObject({ canaryWeight: 50, stepPause: { step: 1 } });
    }
    const paused = states.find(s => s.stepPause)!;
    const end = Date.parse(paused.stepPause!.endTime!);
    const failed = states.find(s => s.phase === 'Failed')!;
    expect(failed.at).toBeLessThan(end);
    expect(final.status).toMatchObject({
      phase: 'Failed',
      canaryWeight: 0,
      failedChecks: 2,
    });
    expect(final.status.reason).toMatch(
      /^request-success-rate [0-9.]+% < 99% \(2 of 2 failed checks\)$/,
    );
    expect(final.status.stepPause).toBeUndefined();
    const vs = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      'faulty',
      'podinfo',
    );
    expect(vs.spec.http[0].route).toEqual([
      { destination: { host: 'podinfo-primary' }, weight: 100 },
      { destination: { host: 'podinfo-canary' }, weight: 0 },
    ]);
    const primary = await cluster.deployment('faulty', 'podinfo-primary');
    expect(primary.spec.template.spec.containers[0].image).toBe(GOOD);
  });

  it('resumes a timed pause with the time left after the backend is SIGKILLed in it: the pause lasts what it says, not a fresh full pause', async () => {
    const observed = resultOf('restart') as any;
    const { states, paused, heldAfterKill, killedAt } = observed;
    const start = Date.parse(paused.stepPause.startTime);
    const end = start + RESTART_PAUSE_SECONDS * 1000;
    expect(Date.parse(paused.stepPause.endTime)).toBe(end);
    // The replica that took over read the pause from the status: same start, same end.
    expect(heldAfterKill.stepPause).toEqual(paused.stepPause);
    expect(Date.parse(killedAt)).toBeLessThan(end);
    expect(Date.parse(heldAfterKill.metrics[0].measuredAt)).toBeLessThan(end);
    // The promotion followed the end of the pause: at the first tick after it. Ticks are one
    // interval apart from the end of one to the start of the next, so that tick comes within one
    // interval and one tick's work of the end (two intervals here); a pause started afresh by the
    // replica would have ended at least KILL_AFTER_SECONDS + LEASE_SECONDS later.
    const promoted = states.find((s: CanaryState) => s.phase === 'Promoting');
    expect(promoted).toBeDefined();
    expect(promoted!.at - start).toBeGreaterThanOrEqual(
      RESTART_PAUSE_SECONDS * 1000,
    );
    expect(promoted!.at - end).toBeLessThan(2 * INTERVAL_SECONDS * 1000);
    expect(rolloutPhases(states)).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    const primary = await cluster.deployment('restart', 'podinfo-primary');
    expect(primary.spec.template.spec.containers[0].image).toBe(NEXT);
  });
});
