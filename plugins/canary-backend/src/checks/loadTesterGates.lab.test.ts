import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import fs from 'node:fs';
import type { LoadTesterCall } from '@vane/mesh-lab';
import { deployLabPodinfo } from '../service/__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from '../service/__testUtils__/istioPodinfoCanary';
import { LabCluster } from '../testing/LabCluster';
import {
  CanaryState,
  recordCanaryProgress,
} from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// Flagger's manual gating through its load tester's API (docs/gitbook/usage/webhooks.md, "Manual
// Gating"), as the lab's load tester serves it, driven by the engine in a backend process: one
// lab, one engine, four Canaries in namespaces of their own rolling out side by side. One of
// them names the load tester as Flagger's docs do, by its Service (`http://flagger-loadtester.test/`),
// which the engine, outside the cluster, reaches through the API server's service proxy.
jest.setTimeout(10 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const CHECK = 'lt-gate-check';
const APPROVE = 'lt-gate-approve';
const HALT = 'lt-gate-halt';
const ROLLBACK = 'lt-rollback';
/** The load tester by its Service's DNS name, as Flagger's docs write it. */
const IN_CLUSTER_LOAD_TESTER = 'http://flagger-loadtester.test/';

describe("Flagger's load tester API (gates, rollback, bash checks), against the mesh lab", () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess | undefined;
  let progress: Record<string, ReturnType<typeof recordCanaryProgress>>;

  /** POSTs the payload the docs' `curl -d '{"name": ..., "namespace": ...}'` sends. */
  const post = (path: string, namespace: string) =>
    fetch(`${lab.loadTesterUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify({ name: 'podinfo', namespace }),
    });
  const calls = async (): Promise<LoadTesterCall[]> =>
    (await fetch(`${lab.loadTesterUrl}/calls`)).json();

  async function waitForState(
    namespace: string,
    description: string,
    check: (status: any) => boolean,
    timeoutMs = 180_000,
  ) {
    let last: any;
    await waitFor(
      `Canary ${namespace}/podinfo ${description}`,
      async () => {
        last = (await cluster.canary(namespace, 'podinfo'))?.status;
        return !!last && check(last);
      },
      { timeoutMs, observe: () => JSON.stringify(last) },
    );
    return last;
  }

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    await lab.serveInCluster({
      namespace: 'test',
      name: 'flagger-loadtester',
      port: 80,
      localPort: Number(new URL(lab.loadTesterUrl).port),
    });
    const gate = (gatePath: string, base = lab.loadTesterUrl) => [
      {
        name: 'promotion gate',
        type: 'confirm-promotion',
        url: `${base}${gatePath}`,
      },
    ];
    const canaries: Record<string, Record<string, unknown>> = {
      [CHECK]: { webhooks: gate('/gate/check') },
      [APPROVE]: {
        webhooks: [
          // Flagger's acceptance test from its docs, run by the load tester as a bash command:
          // one request through the lab's mesh to the canary's podinfo, grepped for its token.
          {
            name: 'acceptance-test',
            type: 'pre-rollout',
            url: IN_CLUSTER_LOAD_TESTER,
            timeout: '10s',
            metadata: {
              type: 'bash',
              cmd: "curl -sd 'test' http://podinfo-canary:9898/token | grep token",
            },
          },
          ...gate('gate/approve', IN_CLUSTER_LOAD_TESTER),
        ],
      },
      [HALT]: { webhooks: gate('/gate/halt') },
      // Many small steps keep this one Progressing while the test opens its rollback.
      [ROLLBACK]: {
        stepWeight: 5,
        maxWeight: 95,
        webhooks: [
          {
            name: 'rollback',
            type: 'rollback',
            url: `${lab.loadTesterUrl}/rollback/check`,
          },
        ],
      },
    };
    for (const [namespace, analysis] of Object.entries(canaries)) {
      await deployLabPodinfo(cluster, {
        namespace,
        image: GOOD,
        service: false,
      });
      await cluster.apply(
        istioPodinfoCanary(namespace, {
          interval: '2s',
          threshold: 3,
          maxWeight: 50,
          stepWeight: 25,
          ...analysis,
        }),
      );
    }
    engine = await startEngineProcess({
      name: 'load-tester-gates',
      config: {
        canary: {
          clusters: [
            {
              ...lab.clusterConfig('lab'),
              webhooks: { viaServiceProxy: true },
            },
          ],
          engine: { leaseDurationSeconds: 6 },
        },
      },
    });
    await engine.waitForOutput(/now drives this cluster/);
    progress = {};
    for (const namespace of Object.keys(canaries)) {
      await waitForState(
        namespace,
        'to be Initialized',
        s => s.phase === 'Initialized',
      );
      progress[namespace] = recordCanaryProgress(cluster, namespace, 'podinfo');
      await cluster.patch('apps/v1', 'Deployment', namespace, 'podinfo', {
        spec: {
          template: {
            spec: { containers: [{ name: 'podinfod', image: NEXT }] },
          },
        },
      });
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(progress ?? {}).map(p => p.stop()));
    await engine?.stop();
    await lab?.stop();
  });

  const primaryImage = async (namespace: string) =>
    (await cluster.deployment(namespace, 'podinfo-primary')).spec.template.spec
      .containers[0].image;
  /** The phases a Canary went through from Progressing on, once its recorder has stopped. */
  const phasesAfterProgressing = async (namespace: string) => {
    await progress[namespace].stop();
    const phases = progress[namespace].states
      .map((s: CanaryState) => s.phase)
      .filter((p, i, all) => p !== all[i - 1]);
    return phases.slice(phases.indexOf('Progressing'));
  };

  it('rolls a Progressing canary back once POST /rollback/open names it', async () => {
    await waitForState(
      ROLLBACK,
      'to be Progressing at a canary weight',
      s => s.phase === 'Progressing' && s.canaryWeight > 0,
    );
    const opened = await post('/rollback/open', ROLLBACK);
    expect([opened.status, await opened.text()]).toEqual([202, '']);

    const failed = await waitForState(
      ROLLBACK,
      'to be rolled back',
      s => s.phase === 'Failed',
    );
    expect(failed).toMatchObject({
      canaryWeight: 0,
      reason: 'Rolled back by the rollback webhook rollback',
    });
    expect(await phasesAfterProgressing(ROLLBACK)).toEqual([
      'Progressing',
      'Failed',
    ]);
    expect(await primaryImage(ROLLBACK)).toBe(GOOD);
    // The switch is keyed by name and namespace: it opened nothing for the other Canaries.
    const check = await post('/rollback/check', CHECK);
    expect([check.status, await check.text()]).toEqual([403, 'Forbidden']);
  });

  it("answers a bash grpc_health_probe from the Service's ready endpoints in the API server", async () => {
    const probe = (service: string) =>
      fetch(lab.loadTesterUrl, {
        method: 'POST',
        body: JSON.stringify({
          name: 'podinfo',
          namespace: ROLLBACK,
          metadata: {
            type: 'bash',
            cmd: `grpc_health_probe -connect-timeout=1s -addr=${service}:9898`,
          },
        }),
      }).then(async r => [r.status, await r.text()]);
    // The rolled-back Canary: primary serves, the canary Deployment is scaled to zero.
    expect(await probe('podinfo-primary')).toEqual([200, '']);
    let canary: unknown[] = [];
    await waitFor(
      'the probe of the scaled-down canary to fail to connect',
      async () => {
        canary = await probe('podinfo-canary');
        return canary[0] === 500;
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(canary) },
    );
    expect(canary).toEqual([
      500,
      `command grpc_health_probe -connect-timeout=1s -addr=podinfo-canary:9898 failed: timeout: failed to connect service "podinfo-canary:9898" within 1s\n: exit status 2`,
    ]);
  });

  it('holds a canary whose confirm-promotion points at /gate/check at WaitingPromotion until POST /gate/open names it, then promotes', async () => {
    await waitForState(
      CHECK,
      'to wait at its confirm-promotion gate',
      s => s.phase === 'WaitingPromotion',
    );
    expect(await primaryImage(CHECK)).toBe(GOOD);

    const opened = await post('/gate/open', CHECK);
    expect([opened.status, await opened.text()]).toEqual([202, '']);
    const check = await post('/gate/check', CHECK);
    expect([check.status, await check.text()]).toEqual([200, 'Approved']);

    await waitForState(CHECK, 'to be promoted', s => s.phase === 'Succeeded');
    expect(await primaryImage(CHECK)).toBe(NEXT);
    expect(await phasesAfterProgressing(CHECK)).toEqual([
      'Progressing',
      'WaitingPromotion',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
  });

  it('promotes a canary whose confirm-promotion points at /gate/approve without waiting, after the acceptance test passed', async () => {
    await waitForState(APPROVE, 'to be promoted', s => s.phase === 'Succeeded');
    expect(await primaryImage(APPROVE)).toBe(NEXT);
    expect(await phasesAfterProgressing(APPROVE)).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    const answered = (await calls()).filter(
      c => c.canary === `podinfo.${APPROVE}`,
    );
    // The bash acceptance test passed (200) before traffic moved, and the gate said OK.
    expect(answered.find(c => c.path === '/')).toMatchObject({ status: 200 });
    expect(
      answered.some(c => c.path === '/gate/approve' && c.status === 200),
    ).toBe(true);
    // Both went through the API server's service proxy, as the engine's ServiceAccount.
    const proxied = fs
      .readFileSync(`${lab.dataDir}/audit.log`, 'utf8')
      .split('\n')
      .filter(line => line.includes('/services/flagger-loadtester:80/proxy/'))
      .map(line => JSON.parse(line));
    const uris = (user: string, code: number) =>
      new Set(
        proxied
          .filter(
            e => e.user?.username === user && e.responseStatus?.code === code,
          )
          .map(e => e.requestURI),
      );
    expect(uris('system:serviceaccount:vane-system:vane-canary', 200)).toEqual(
      new Set([
        '/api/v1/namespaces/test/services/flagger-loadtester:80/proxy/',
        '/api/v1/namespaces/test/services/flagger-loadtester:80/proxy/gate/approve',
      ]),
    );
  });

  it('never promotes a canary whose confirm-promotion points at /gate/halt: still WaitingPromotion, with its reason, after several more asks', async () => {
    await waitForState(
      HALT,
      'to wait at its confirm-promotion gate',
      s => s.phase === 'WaitingPromotion',
    );
    const since = new Date().toISOString();
    const haltsSince = async () =>
      (await calls()).filter(
        c =>
          c.canary === `podinfo.${HALT}` &&
          c.path === '/gate/halt' &&
          c.at > since,
      );
    // Three more intervals in which the engine asked the gate and was refused.
    await waitFor(
      'the engine to ask /gate/halt three more times',
      async () => (await haltsSince()).length >= 3,
      { timeoutMs: 60_000 },
    );
    expect((await haltsSince()).every(c => c.status === 403)).toBe(true);

    const held = (await cluster.canary(HALT, 'podinfo')).status;
    expect(held).toMatchObject({
      phase: 'WaitingPromotion',
      canaryWeight: 50,
      reason:
        'Waiting for approval: confirm-promotion webhook promotion gate has not passed',
    });
    expect(await phasesAfterProgressing(HALT)).toEqual([
      'Progressing',
      'WaitingPromotion',
    ]);
    expect(await primaryImage(HALT)).toBe(GOOD);
  });
});
