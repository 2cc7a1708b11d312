import {
  Lab,
  LocalPostgres,
  startLab,
  startPostgres,
  waitFor,
} from '@vane/mesh-lab';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAlertReceiver } from '../alerts/__testUtils__/startAlertReceiver';
import { openEventStream } from '../service/__testUtils__/openEventStream';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// Restart safety and leader election of the engine, against the mesh lab: a SIGKILLed backend
// resumes a rollout, and of two backends exactly one drives the cluster until it dies.
jest.setTimeout(10 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const LATER = 'ghcr.io/stefanprodan/podinfo:6.2.0';
const LEASE_SECONDS = 5;

function podinfo(namespace: string, options: { gate?: boolean } = {}) {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'podinfo', namespace, labels: { app: 'podinfo' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'podinfo' } },
        template: {
          metadata: { labels: { app: 'podinfo' } },
          spec: { containers: [{ name: 'podinfod', image: GOOD }] },
        },
      },
    },
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
        service: { port: 9898 },
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
          ],
          ...(options.gate
            ? {
                maxWeight: 60,
                webhooks: [
                  {
                    name: 'release-manager',
                    type: 'confirm-promotion',
                    url: 'vane://approval',
                  },
                ],
              }
            : {}),
        },
      },
    },
  ];
}

/** Writes by engine replicas, from the API server's audit log: user agent and target. */
function engineWrites(lab: Lab): Array<{
  userAgent: string;
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
}> {
  const log = fs.readFileSync(path.join(lab.dataDir, 'audit.log'), 'utf8');
  return log
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line))
    .filter(
      event =>
        String(event.userAgent).startsWith('vane-canary/') &&
        event.stage === 'ResponseComplete',
    )
    .map(event => ({
      userAgent: event.userAgent,
      verb: event.verb,
      resource: event.objectRef?.resource,
      subresource: event.objectRef?.subresource,
      namespace: event.objectRef?.namespace,
    }));
}

function identityOf(engine: EngineProcess): string {
  const match = engine.output().match(/: (\S+) now drives this cluster/);
  if (!match)
    throw new Error(
      `engine ${engine.pid} has not reported driving the cluster`,
    );
  return match[1];
}

describe('engine restarts and replicas against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  const engines: EngineProcess[] = [];

  const config = () => ({
    canary: {
      clusters: [lab.clusterConfig('lab')],
      engine: { leaseDurationSeconds: LEASE_SECONDS },
    },
  });

  // The replicas' PostgreSQL: the one scripts/test.sh started, or one of the test's own.
  let ownPostgres: LocalPostgres | undefined;
  let postgresUrl: string;
  let receiver: Awaited<ReturnType<typeof startAlertReceiver>>;

  beforeAll(async () => {
    [lab, postgresUrl, receiver] = await Promise.all([
      startLab({ readyDelayMs: 300 }),
      process.env.VANE_POSTGRES_URL ??
        startPostgres().then(postgres => {
          ownPostgres = postgres;
          return postgres.connectionString;
        }),
      startAlertReceiver(),
    ]);
    cluster = new LabCluster(lab);
  });

  afterAll(async () => {
    for (const engine of engines) await engine.stop();
    await lab?.stop();
    await ownPostgres?.stop();
    await receiver?.close();
  });

  /** Sets podinfo's image: a new revision for the Canary to roll out. */
  const release = (ns: string, image: string) =>
    cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image }] } },
      },
    });

  async function waitForStatus(
    ns: string,
    description: string,
    check: (status: any) => boolean,
    timeoutMs = 120_000,
  ) {
    let status: any;
    await waitFor(
      `Canary ${ns}/podinfo ${description}`,
      async () => {
        status = (await cluster.canary(ns, 'podinfo'))?.status;
        return status && check(status);
      },
      { timeoutMs, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  it('finishes a rollout after the backend is SIGKILLed at weight 40, with the same weight sequence', async () => {
    const ns = 'restart';
    const first = await startEngineProcess({ name: 'first', config: config() });
    engines.push(first);
    for (const object of podinfo(ns)) await cluster.apply(object);
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 30 });
    await waitForStatus(
      ns,
      'to be Initialized',
      s => s.phase === 'Initialized',
    );

    const progress = recordCanaryProgress(cluster, ns, 'podinfo');
    await release(ns, NEXT);
    await waitForStatus(ns, 'to reach weight 40', s => s.canaryWeight === 40);
    await first.kill();

    const second = await startEngineProcess({
      name: 'second',
      config: config(),
    });
    engines.push(second);
    await second.waitForOutput(/now drives this cluster/, 60_000);
    await waitForStatus(
      ns,
      'to succeed after the restart',
      s => s.phase === 'Succeeded',
      180_000,
    );
    await progress.stop();

    expect(progress.weights()).toEqual([20, 40, 60, 80]);
    expect(
      (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
        .containers[0].image,
    ).toBe(NEXT);
    await second.stop();
  });

  it('runs two portal backends on one PostgreSQL: one drives, either takes actions and streams changes, the history and every alert and owner notification happen once, also across a SIGKILL of the driver', async () => {
    // The namespace and name examples/entities.yaml links to the podinfo component (owned by
    // team-podinfo, whose member the guest is).
    const ns = 'test';
    const database = {
      client: 'pg',
      connection: postgresUrl,
      // Both replicas share these databases; the prefix keeps them apart from other suites'.
      prefix: `vane_replicas_${process.pid}_`,
    };
    const replicaConfig = () => ({
      ...config(),
      canary: {
        ...config().canary,
        alertProviders: [
          {
            name: 'releases',
            type: 'generic',
            url: `${receiver.url}/releases`,
            severity: 'info',
          },
        ],
        ownerNotifications: { severity: 'warn' },
      },
      // Owner notifications are posted to the notifications plugin; here to the receiver, which counts them.
      discovery: {
        endpoints: [
          {
            target: `${receiver.url}/api/notifications`,
            plugins: ['notifications'],
          },
        ],
      },
    });
    const a = await startEngineProcess({
      name: 'a',
      backend: 'portal',
      database,
      config: replicaConfig(),
    });
    engines.push(a);
    await a.waitForOutput(/now drives this cluster/, 60_000);
    const b = await startEngineProcess({
      name: 'b',
      backend: 'portal',
      database,
      config: replicaConfig(),
    });
    engines.push(b);
    const leader = identityOf(a);
    const api = (engine: EngineProcess, route: string) =>
      `http://127.0.0.1:${engine.port}/api/${route}`;
    const signIn = await fetch(api(b, 'auth/guest/refresh'), {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    const token: string = (await signIn.json()).backstageIdentity.token;
    const approveAt = async (engine: EngineProcess) => {
      const res = await fetch(
        api(
          engine,
          `canary/entities/component/default/podinfo/rollouts/lab/${ns}/podinfo/approve`,
        ),
        { method: 'POST', headers: { authorization: `Bearer ${token}` } },
      );
      return { status: res.status, body: await res.json() };
    };

    for (const object of podinfo(ns, { gate: true }))
      await cluster.apply(object);
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 30 });
    await waitForStatus(
      ns,
      'to be Initialized',
      s => s.phase === 'Initialized',
    );
    const streamPath = 'canary/entities/component/default/podinfo/stream';
    const streamOf = (engine: EngineProcess) =>
      openEventStream(engine.port, `/api/${streamPath}`, {
        authorization: `Bearer ${token}`,
      });
    const streams = { a: await streamOf(a), b: await streamOf(b) };
    const progress = recordCanaryProgress(cluster, ns, 'podinfo');

    // The first rollout, driven by a: it waits at the gate, and the approval is posted to b.
    await release(ns, NEXT);
    await waitForStatus(
      ns,
      'to wait at the confirm-promotion gate',
      s => s.phase === 'WaitingPromotion',
    );
    const approved = await approveAt(b);
    expect(approved).toEqual({
      status: 202,
      body: {
        action: 'approve',
        canary: `lab/${ns}/podinfo`,
        message:
          'confirm-promotion gate release-manager approved by user:default/guest',
      },
    });
    await waitForStatus(
      ns,
      'to succeed after the approval posted to b',
      s => s.phase === 'Succeeded',
    );

    // While a holds the Lease, b has driven nothing: its only writes are the approval it was
    // posted (the annotation the engine reads and the Event naming the user); a carried it out.
    expect(b.output()).not.toMatch(/now drives this cluster/);
    const inNamespace = () => engineWrites(lab).filter(w => w.namespace === ns);
    const before = inNamespace();
    const byB = before.filter(w => w.userAgent !== `vane-canary/${leader}`);
    expect(
      new Set(
        byB.map(w =>
          w.userAgent.startsWith(`vane-canary/${os.hostname()}-${b.pid}-`),
        ),
      ),
    ).toEqual(new Set([true]));
    // Once: one patch of the annotation, one Event.
    expect(
      byB
        .map(
          w =>
            `${w.verb} ${w.resource}${
              w.subresource ? `/${w.subresource}` : ''
            }`,
        )
        .sort(),
    ).toEqual(['create events', 'patch canaries']);

    // Both streams, the non-driving replica's too, show every state a drove the rollout through.
    // (Promoting and Finalising may pass within one debounce of the stream; these states last.)
    const shownStates = progress.states
      .filter(state =>
        ['Progressing', 'WaitingPromotion', 'Succeeded'].includes(
          state.phase ?? '',
        ),
      )
      .filter(
        (state, i, all) =>
          state.phase !== all[i - 1]?.phase ||
          state.canaryWeight !== all[i - 1]?.canaryWeight,
      );
    for (const [replica, stream] of Object.entries(streams)) {
      const delays: number[] = [];
      for (const state of shownStates) {
        const what = `${replica}'s stream to show phase ${state.phase} at weight ${state.canaryWeight}`;
        for (;;) {
          const { data, at } = await stream.next(what, 10_000);
          const shown = data.items?.some(
            (r: any) =>
              r.namespace === ns &&
              r.status.phase === state.phase &&
              r.status.canaryWeight === state.canaryWeight,
          );
          if (shown) {
            delays.push(at - state.at);
            break;
          }
        }
      }
      // Measured, not asserted: how far the stream is behind the API server, as the recorder
      // (polling it every 100 ms) saw each state.
      // eslint-disable-next-line no-console
      console.log(
        `stream of ${replica} (${
          replica === 'a' ? 'driving' : 'not driving'
        }) behind the API server, per state (ms): ${delays.join(', ')}`,
      );
    }
    streams.a.close();

    // The second rollout: a is SIGKILLed at weight 40, b takes over, the approval goes to b.
    const statesBefore = progress.states.length;
    await release(ns, LATER);
    await waitForStatus(
      ns,
      'to reach weight 40 in the second rollout',
      s => s.phase === 'Progressing' && s.canaryWeight === 40,
    );
    await a.kill();
    const writesAtKill = inNamespace().length;
    await b.waitForOutput(/now drives this cluster/, 60_000);
    const successor = identityOf(b);
    expect(successor).not.toBe(leader);
    await waitForStatus(
      ns,
      'to wait at the gate after the takeover',
      s => s.phase === 'WaitingPromotion',
      180_000,
    );
    expect((await approveAt(b)).status).toBe(202);
    await waitForStatus(
      ns,
      'to succeed after the takeover',
      s => s.phase === 'Succeeded',
      180_000,
    );
    await progress.stop();
    // a drove the second rollout up to its death, b alone since.
    expect(
      inNamespace()
        .slice(before.length, writesAtKill)
        .some(w => w.userAgent === `vane-canary/${leader}`),
    ).toBe(true);
    const afterKill = inNamespace().slice(writesAtKill);
    expect(afterKill.length).toBeGreaterThan(0);
    expect(new Set(afterKill.map(w => w.userAgent))).toEqual(
      new Set([`vane-canary/${successor}`]),
    );
    expect(
      progress.states
        .slice(statesBefore)
        .filter(s => s.phase === 'Progressing')
        .map(s => s.canaryWeight)
        // A rollout starts Progressing at weight 0, before its first step.
        .filter((weight, i, all) => weight !== 0 && weight !== all[i - 1]),
    ).toEqual([20, 40, 60]);

    // The history, as either replica serves it: each rollout once, whole, with its approval once.
    const history = await fetch(
      api(b, 'canary/history?entity=component:default/podinfo'),
      {
        headers: { authorization: `Bearer ${token}` },
      },
    ).then(r => r.json());
    expect(history.totalCount).toBe(2);
    expect(
      history.items.map((item: any) => ({
        images: item.images.canary.map((i: any) => i.image),
        result: item.result,
        weightReached: item.weightReached,
        ended: Boolean(item.endedAt),
        actions: item.actions.map(
          (action: any) => `${action.action} by ${action.user}`,
        ),
      })),
    ).toEqual(
      [LATER, NEXT].map(image => ({
        images: [image],
        result: 'Succeeded',
        weightReached: 100,
        ended: true,
        actions: ['approve by user:default/guest'],
      })),
    );

    // Every alert once per rollout at the release channel, every owner notification once.
    await waitFor(
      'the alerts of both rollouts',
      () => receiver.received.filter(r => r.path === '/releases').length >= 6,
      {
        timeoutMs: 30_000,
        observe: () => JSON.stringify(receiver.received.map(r => r.path)),
      },
    );
    const alerts = receiver.received
      .filter(r => r.path === '/releases')
      .map(r => `${r.body.severity}: ${r.body.message}`);
    const notifications = receiver.received
      .filter(r => r.path === '/api/notifications')
      .map(r => r.body.payload.title);
    // eslint-disable-next-line no-console
    console.log(
      `alerts: ${JSON.stringify(alerts)}\nowner notifications: ${JSON.stringify(
        notifications,
      )}`,
    );
    const alertsOfOneRollout = [
      `info: New revision detected, progressing canary analysis of podinfo.${ns}.`,
      `warn: podinfo.${ns} is waiting for approval at its confirm-promotion gate release-manager: approve or abort it on the Canary in Backstage.`,
      `info: Canary analysis of podinfo.${ns} completed successfully, promotion finished.`,
    ];
    expect(alerts).toEqual([...alertsOfOneRollout, ...alertsOfOneRollout]);
    expect(notifications).toEqual([
      `podinfo.${ns} is waiting for approval at its confirm-promotion gate release-manager: approve or abort it on the Canary in Backstage.`,
      `podinfo.${ns} is waiting for approval at its confirm-promotion gate release-manager: approve or abort it on the Canary in Backstage.`,
    ]);
    streams.b.close();
    await b.stop();
  });

  it('goes on rolling out while PostgreSQL is stopped, and writes the rollout it could not record once PostgreSQL is back', async () => {
    const ns = 'outage';
    // A server of this test's own: it is stopped mid-test, and others may share the one of scripts/test.sh.
    const postgres = await startPostgres();
    const historyDb = knexFactory({
      client: 'pg',
      connection: `${postgres.connectionString}/backstage_plugin_canary`,
      pool: { min: 0, max: 1 },
    });
    try {
      const engine = await startEngineProcess({
        name: 'outage',
        database: { client: 'pg', connection: postgres.connectionString },
        config: config(),
      });
      engines.push(engine);
      await engine.waitForOutput(/now drives this cluster/, 60_000);
      for (const object of podinfo(ns)) await cluster.apply(object);
      lab.setLoad({ service: 'podinfo', namespace: ns, rps: 30 });
      await waitForStatus(
        ns,
        'to be Initialized',
        s => s.phase === 'Initialized',
      );

      await postgres.stopServer();
      await release(ns, NEXT);
      const started = await waitForStatus(
        ns,
        'to start rolling out while PostgreSQL is stopped',
        s => s.phase === 'Progressing' && !!s.startedAt,
      );
      await waitForStatus(
        ns,
        'to succeed while PostgreSQL is stopped',
        s => s.phase === 'Succeeded',
        180_000,
      );
      expect(postgres.pid()).toBeUndefined();
      await engine.waitForOutput(
        /Could not write the start of the rollout of outage\/podinfo/,
      );
      expect(engine.exitCode()).toBeNull();

      await postgres.startServer();
      const rows = await waitFor(
        'the held rollout to be written once PostgreSQL is back',
        async () => {
          const found = await historyDb('canary_rollouts')
            .where({ namespace: ns })
            .select();
          return found.length > 0 && found.every(row => row.ended_at) && found;
        },
        { timeoutMs: 60_000 },
      );
      expect(
        rows.map(row => ({
          result: row.result,
          weight_reached: row.weight_reached,
          started_at: row.started_at,
        })),
      ).toEqual([
        {
          result: 'Succeeded',
          weight_reached: 100,
          started_at: started.startedAt,
        },
      ]);
      await engine.waitForOutput(/every held write has landed/);
      expect(engine.exitCode()).toBeNull();
      await engine.stop();
    } finally {
      await historyDb.destroy();
      await postgres.stop();
    }
  });
});
