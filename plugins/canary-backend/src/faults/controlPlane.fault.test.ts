import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import { deployLabPodinfo } from '../service/__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from '../service/__testUtils__/istioPodinfoCanary';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';
import { editCustomResourceInEtcd } from './__testUtils__/editCustomResourceInEtcd';
import { writesOutsideLease } from './__testUtils__/writesOutsideLease';

// Faults of the control plane under a rollout, with two engine replicas (backend processes) on
// one mesh lab: the API server restarted, etcd stopped for longer than the Lease. Judged by what
// the API server holds afterwards: the Canary's states, its Events, and its audit log of every
// write each replica made and of each Lease renewal.
jest.setTimeout(8 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const LEASE_SECONDS = 5;
const LEASE = 'vane-canary-engine-lab';
const ANALYSIS = {
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
};

describe('control plane faults under a rollout, two engine replicas on a mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let replicas: EngineProcess[] = [];

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    const config = {
      canary: {
        clusters: [lab.clusterConfig('lab')],
        engine: { leaseDurationSeconds: LEASE_SECONDS },
      },
    };
    replicas = await Promise.all(
      ['a', 'b'].map(name => startEngineProcess({ name, config })),
    );
    await waitFor(
      'one replica to drive the lab',
      () => replicas.some(r => /now drives this cluster/.test(r.output())),
      { timeoutMs: 60_000 },
    );
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await lab?.stop();
  });

  /** The identity in the cluster's Lease: the replica that drives it now. */
  async function leaseHolder(): Promise<string | undefined> {
    const lease = await cluster.get(
      'coordination.k8s.io/v1',
      'Lease',
      'vane-system',
      LEASE,
    );
    return lease?.spec?.holderIdentity || undefined;
  }

  /** What each replica last said about the Lease: whether it drives the cluster now. */
  function drivingReplicas(): EngineProcess[] {
    return replicas.filter(replica => {
      const said = replica
        .output()
        .match(/(now drives|no longer drives|stops driving)/g);
      return said?.[said.length - 1] === 'now drives';
    });
  }

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

  /** podinfo with its Canary, Initialized, then a new image: returns the recorder of the rollout. */
  async function startRollout(ns: string) {
    await deployLabPodinfo(cluster, { namespace: ns, image: GOOD, service: false });
    await cluster.apply(istioPodinfoCanary(ns, ANALYSIS));
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 20 });
    await waitForStatus(ns, 'to be Initialized', s => s.phase === 'Initialized');
    const progress = recordCanaryProgress(cluster, ns, 'podinfo');
    await cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image: NEXT }] } },
      },
    });
    return progress;
  }

  /** The messages of the Canary's "Advance ..." Events, oldest first, as the API server holds them. */
  async function advanceEvents(ns: string): Promise<string[]> {
    const events = await cluster.list('v1', 'Event', ns);
    return events
      .filter(
        e =>
          e.involvedObject?.kind === 'Canary' &&
          String(e.message).startsWith('Advance '),
      )
      .sort((x, y) =>
        String(x.firstTimestamp ?? x.eventTime).localeCompare(
          String(y.firstTimestamp ?? y.eventTime),
        ),
      )
      .map(e => e.message);
  }

  async function virtualServiceWeights(ns: string): Promise<number[]> {
    const vs = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      ns,
      'podinfo',
    );
    return vs.spec.http[0].route.map((r: any) => r.weight);
  }

  it('resumes a rollout where it was after the API server restarts, acting only on what the API server holds after the restart', async () => {
    const ns = 'apiserver-restart';
    const since = Date.now();
    const progress = await startRollout(ns);
    await waitForStatus(ns, 'to reach weight 40', s => s.canaryWeight === 40);

    await lab.stopProcess('kube-apiserver');
    // While it is down, an operator suspends the rollout through another API server of the
    // control plane (here: straight into etcd). The replicas' caches still show it running.
    const before = await editCustomResourceInEtcd(
      lab,
      { group: 'delivery.vane.dev', plural: 'canaries', namespace: ns, name: 'podinfo' },
      canary => ({ ...canary, spec: { ...canary.spec, suspend: true } }),
    );
    const heldAt: number = before.status.canaryWeight;
    await lab.startProcess('kube-apiserver');

    // The engine's first decision after the restart is made from the Canary as it is now.
    const suspended = await waitForStatus(
      ns,
      'to report the suspension written while the API server was down',
      s => s.reason === 'Suspended: spec.suspend is true',
    );
    expect(suspended.canaryWeight).toBe(heldAt);
    expect(await virtualServiceWeights(ns)).toEqual([100 - heldAt, heldAt]);
    expect(
      progress.states.filter(s => (s.canaryWeight ?? 0) > heldAt),
    ).toEqual([]);

    await cluster.patch('delivery.vane.dev/v1alpha1', 'Canary', ns, 'podinfo', {
      spec: { suspend: false },
    });
    await waitForStatus(
      ns,
      'to succeed once resumed',
      s => s.phase === 'Succeeded',
      180_000,
    );
    await progress.stop();

    // Every step once, none skipped: in the status as recorded and in the Canary's Events.
    expect(progress.weights()).toEqual([20, 40, 60, 80]);
    expect(await advanceEvents(ns)).toEqual(
      [20, 40, 60, 80].map(w => `Advance podinfo.${ns} canary weight ${w}`),
    );
    expect(
      (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
        .containers[0].image,
    ).toBe(NEXT);
    expect(writesOutsideLease(lab, { leaseName: LEASE, since }).violations).toEqual(
      [],
    );
  });

  it('stops driving when etcd is gone for longer than the Lease, makes no write without a valid Lease, and exactly one replica drives once etcd is back', async () => {
    const ns = 'etcd-outage';
    const since = Date.now();
    const progress = await startRollout(ns);
    await waitForStatus(ns, 'to reach weight 40', s => s.canaryWeight === 40);
    const [driver] = drivingReplicas();
    expect(driver).toBeDefined();
    const outputBefore = new Map(replicas.map(r => [r, r.output().length]));

    const stoppedAt = Date.now();
    await lab.stopProcess('etcd');
    // The fault lasts three Lease durations, and until no replica claims to drive.
    await waitFor(
      'etcd to be down for three Lease durations, and no replica to drive',
      () =>
        Date.now() - stoppedAt > 3 * LEASE_SECONDS * 1000 &&
        drivingReplicas().length === 0,
      {
        timeoutMs: 90_000,
        observe: () =>
          replicas
            .map(r => `${r.pid}: ${r.output().slice(outputBefore.get(r)).slice(-600)}`)
            .join('\n'),
      },
    );
    await lab.startProcess('etcd');
    const backAt = Date.now();

    await waitForStatus(
      ns,
      'to succeed after etcd is back',
      s => s.phase === 'Succeeded',
      180_000,
    );
    await progress.stop();
    expect(progress.weights()).toEqual([20, 40, 60, 80]);

    const { violations, writes } = writesOutsideLease(lab, {
      leaseName: LEASE,
      since,
    });
    expect(violations).toEqual([]);
    // Exactly one replica drives once etcd is back: the Lease's holder, the only one that says
    // it drives, and the only one that wrote since.
    const holder = await leaseHolder();
    expect(drivingReplicas().map(r => r.pid)).toHaveLength(1);
    expect(holder).toContain(`-${drivingReplicas()[0].pid}-`);
    expect(
      new Set(
        writes
          .filter(w => w.receivedAt >= backAt && w.what.includes(` ${ns}/`))
          .map(w => w.replica),
      ),
    ).toEqual(new Set([holder]));
  });
});
