import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import fs from 'node:fs';
import path from 'node:path';
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
const LEASE_SECONDS = 5;

function podinfo(namespace: string) {
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
        },
      },
    },
  ];
}

/** Writes by engine replicas, from the API server's audit log: user agent and target. */
function engineWrites(
  lab: Lab,
): Array<{ userAgent: string; resource: string; namespace?: string }> {
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
      resource: event.objectRef?.resource,
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

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
  });

  afterAll(async () => {
    for (const engine of engines) await engine.stop();
    await lab?.stop();
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
    await cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image: NEXT }] } },
      },
    });
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

  it('lets exactly one of two backends drive the cluster, and the other take over when it dies', async () => {
    const ns = 'replicas';
    const a = await startEngineProcess({ name: 'a', config: config() });
    engines.push(a);
    await a.waitForOutput(/now drives this cluster/, 60_000);
    const b = await startEngineProcess({ name: 'b', config: config() });
    engines.push(b);
    const leader = identityOf(a);

    for (const object of podinfo(ns)) await cluster.apply(object);
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 30 });
    await waitForStatus(
      ns,
      'to be Initialized',
      s => s.phase === 'Initialized',
    );
    await cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image: NEXT }] } },
      },
    });
    await waitForStatus(ns, 'to reach weight 40', s => s.canaryWeight === 40);

    // While a holds the Lease, b has written nothing but its attempts at the Lease itself.
    expect(b.output()).not.toMatch(/now drives this cluster/);
    // Writes to this test's namespace only: earlier tests' engines wrote to theirs.
    const inNamespace = () => engineWrites(lab).filter(w => w.namespace === ns);
    const before = inNamespace();
    expect(before.length).toBeGreaterThan(0);
    expect(new Set(before.map(w => w.userAgent))).toEqual(
      new Set([`vane-canary/${leader}`]),
    );

    await a.kill();
    await b.waitForOutput(/now drives this cluster/, 60_000);
    const successor = identityOf(b);
    expect(successor).not.toBe(leader);
    await waitForStatus(
      ns,
      'to succeed after the takeover',
      s => s.phase === 'Succeeded',
      180_000,
    );

    const after = inNamespace().slice(before.length);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map(w => w.userAgent))).toEqual(
      new Set([`vane-canary/${successor}`]),
    );
  });
});
