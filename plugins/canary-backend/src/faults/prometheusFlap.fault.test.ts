import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import { canaryPlugin } from '../plugin';
import { deployLabPodinfo } from '../service/__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from '../service/__testUtils__/istioPodinfoCanary';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';

// Prometheus flaps under two rollouts (the canary plugin in a test backend, one mesh lab): it is
// stopped by pid until each rollout has shown what it does without data, then started again on
// the same port with the same data. One rollout's threshold outlasts the outage and it goes on;
// the other's does not and it rolls back, as its spec says. Neither advances on missing data.
jest.setTimeout(6 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const UNREACHABLE = /Prometheus at http:\/\/127\.0\.0\.1:\d+ is unreachable/;
const analysis = (threshold: number) => ({
  interval: '3s',
  threshold,
  maxWeight: 80,
  stepWeight: 20,
  metrics: [
    {
      name: 'request-success-rate',
      thresholdRange: { min: 99 },
      interval: '15s',
    },
  ],
});

describe('Prometheus flapping under rollouts on a mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    backend = await startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            canary: {
              clusters: [{ ...lab.clusterConfig('lab') }],
              engine: { leaseDurationSeconds: 6 },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
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

  async function warnings(ns: string): Promise<string[]> {
    const events = await cluster.list('v1', 'Event', ns);
    return events
      .filter(e => e.involvedObject?.kind === 'Canary' && e.type === 'Warning')
      .map(e => e.message);
  }

  it('fails the checks with the reason while Prometheus is away, never advances on missing data, goes on once it is back, and rolls back the rollout whose threshold the outage reached', async () => {
    // `goes-on` tolerates 8 failed checks, `rolls-back` 2.
    const rollouts = { 'goes-on': 8, 'rolls-back': 2 };
    const progress: Record<string, ReturnType<typeof recordCanaryProgress>> = {};
    for (const [ns, threshold] of Object.entries(rollouts)) {
      await deployLabPodinfo(cluster, { namespace: ns, image: GOOD, service: false });
      await cluster.apply(istioPodinfoCanary(ns, analysis(threshold)));
      lab.setLoad({ service: 'podinfo', namespace: ns, rps: 20 });
    }
    for (const ns of Object.keys(rollouts)) {
      await waitForStatus(ns, 'to be Initialized', s => s.phase === 'Initialized');
      progress[ns] = recordCanaryProgress(cluster, ns, 'podinfo');
      await cluster.patch('apps/v1', 'Deployment', ns, 'podinfo', {
        spec: {
          template: { spec: { containers: [{ name: 'podinfod', image: NEXT }] } },
        },
      });
    }
    for (const ns of Object.keys(rollouts)) {
      await waitForStatus(ns, 'to reach weight 20', s => s.canaryWeight === 20);
    }

    const stoppedAt = Date.now();
    await lab.stopProcess('prometheus');
    const statesAtStop = Object.fromEntries(
      Object.keys(rollouts).map(ns => [ns, progress[ns].states.length]),
    );
    // The outage lasts until both rollouts showed what they do without data: one failed check
    // after another, for the reason, and the rollback at the threshold.
    // Each wait ends on the awaited state or on one the outage must not lead to (a promotion,
    // a step taken), and the expectations below say which.
    const rolledBack = await waitForStatus(
      'rolls-back',
      'to roll back at 2 failed checks, Prometheus being unreachable',
      s => ['Failed', 'Promoting', 'Finalising', 'Succeeded'].includes(s.phase),
    );
    const halted = await waitForStatus(
      'goes-on',
      'to fail 3 checks for Prometheus being unreachable',
      s => s.failedChecks >= 3 || s.canaryWeight > 20 || s.phase !== 'Progressing',
    );
    const restartedAt = Date.now();
    await lab.startProcess('prometheus');

    const outage = Date.now() - stoppedAt;
    expect(rolledBack.phase).toBe('Failed');
    expect(rolledBack.reason).toMatch(UNREACHABLE);
    expect(rolledBack.reason).toMatch(/\(2 of 2 failed checks\)$/);
    expect(rolledBack.canaryWeight).toBe(0);
    expect(halted).toMatchObject({ phase: 'Progressing', canaryWeight: 20 });
    expect(halted.reason).toMatch(UNREACHABLE);
    for (const ns of Object.keys(rollouts)) {
      expect((await warnings(ns)).some(m => UNREACHABLE.test(m))).toBe(true);
      // While Prometheus was away, no weight went up.
      const during = progress[ns].states
        .slice(statesAtStop[ns])
        .filter(s => s.at < restartedAt);
      expect(during.filter(s => (s.canaryWeight ?? 0) > 20)).toEqual([]);
    }

    await waitForStatus(
      'goes-on',
      'to succeed once Prometheus is back',
      s => s.phase === 'Succeeded',
      180_000,
    );
    for (const ns of Object.keys(rollouts)) await progress[ns].stop();
    // Measured, not asserted: how long Prometheus was away.
    // eslint-disable-next-line no-console
    console.log(`Prometheus was stopped for ${outage} ms`);
    expect(progress['goes-on'].weights()).toEqual([20, 40, 60, 80]);
    expect(
      (await cluster.deployment('goes-on', 'podinfo-primary')).spec.template
        .spec.containers[0].image,
    ).toBe(NEXT);
    // The rolled-back one stays rolled back: the primary kept the image it had, no step was taken.
    expect(progress['rolls-back'].weights()).toEqual([20]);
    expect((await cluster.canary('rolls-back', 'podinfo')).status.phase).toBe(
      'Failed',
    );
    expect(
      (await cluster.deployment('rolls-back', 'podinfo-primary')).spec.template
        .spec.containers[0].image,
    ).toBe(GOOD);
  });
});
