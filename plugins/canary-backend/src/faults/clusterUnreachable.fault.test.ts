import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../plugin';
import { deployLabPodinfo } from '../service/__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from '../service/__testUtils__/istioPodinfoCanary';
import { componentEntity } from '../service/__testUtils__/rolloutObjects';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';

// One of two clusters unreachable (its API server stopped by pid) while both roll out: the canary
// plugin in a test backend configured with two mesh labs, read over HTTP as the portal reads it.
jest.setTimeout(6 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const NS = 'two-clusters';
const ANALYSIS = {
  interval: '3s',
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

describe('one of two clusters unreachable during rollouts', () => {
  let labs: { one: Lab; two: Lab };
  let clusters: { one: LabCluster; two: LabCluster };
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;

  beforeAll(async () => {
    const [one, two] = await Promise.all([
      startLab({ readyDelayMs: 300 }),
      startLab({ readyDelayMs: 300 }),
    ]);
    labs = { one, two };
    clusters = { one: new LabCluster(one), two: new LabCluster(two) };
    backend = await startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            canary: {
              clusters: [
                { ...one.clusterConfig('one') },
                { ...two.clusterConfig('two') },
              ],
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
  });

  afterAll(async () => {
    await backend?.stop();
    await labs?.one.stop();
    await labs?.two.stop();
  });

  const api = (route: string) =>
    request(backend!.server).get(`/api/canary/${route}`);
  const entityRollouts = 'entities/component/default/podinfo/rollouts';

  async function waitForStatus(
    name: keyof typeof clusters,
    description: string,
    check: (status: any) => boolean,
    timeoutMs = 120_000,
  ) {
    let status: any;
    await waitFor(
      `Canary ${NS}/podinfo in cluster ${name} ${description}`,
      async () => {
        status = (await clusters[name].canary(NS, 'podinfo'))?.status;
        return status && check(status);
      },
      { timeoutMs, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  /** Polls a portal route until `check` holds of its 200 answer; returns that body. */
  async function portalUntil(
    route: string,
    description: string,
    check: (body: any) => boolean,
  ) {
    let body: any;
    await waitFor(
      description,
      async () => {
        const res = await api(route);
        body = res.body;
        return res.status === 200 && check(body);
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
    );
    return body;
  }

  it("keeps rolling out in the reachable cluster, shows the other as an error per cluster, and resumes the other's rollout once it is back", async () => {
    for (const name of ['one', 'two'] as const) {
      await deployLabPodinfo(clusters[name], {
        namespace: NS,
        image: GOOD,
        service: false,
      });
      await clusters[name].apply(istioPodinfoCanary(NS, ANALYSIS));
      labs[name].setLoad({ service: 'podinfo', namespace: NS, rps: 20 });
    }
    const progress = {
      one: recordCanaryProgress(clusters.one, NS, 'podinfo'),
      two: recordCanaryProgress(clusters.two, NS, 'podinfo'),
    };
    for (const name of ['one', 'two'] as const) {
      await waitForStatus(name, 'to be Initialized', s => s.phase === 'Initialized');
    }
    const release = (name: keyof typeof clusters) =>
      clusters[name].patch('apps/v1', 'Deployment', NS, 'podinfo', {
        spec: {
          template: { spec: { containers: [{ name: 'podinfod', image: NEXT }] } },
        },
      });
    await release('two');
    await waitForStatus('two', 'to reach weight 20', s => s.canaryWeight === 20);
    await labs.two.stopProcess('kube-apiserver');
    await release('one');

    // The portal: cluster two is an error of its own, cluster one answers as before.
    const listed = await portalUntil(
      'clusters',
      'GET /clusters to show cluster two unavailable',
      body => body.items?.some((c: any) => c.name === 'two' && !c.available),
    );
    expect(listed.items).toEqual([
      expect.objectContaining({ name: 'one', available: true }),
      {
        name: 'two',
        available: false,
        error: expect.stringContaining(
          `Cluster two at ${labs.two.apiserverUrl} is unreachable`,
        ),
        meshProviders: [],
      },
    ]);
    const shown = await portalUntil(
      entityRollouts,
      "podinfo's rollouts to show cluster two as an error and cluster one's rollout",
      body =>
        body.errors?.some((e: any) => e.cluster === 'two') &&
        body.items?.some((r: any) => r.cluster === 'one'),
    );
    expect(shown.items.map((r: any) => r.cluster)).toEqual(['one']);
    expect(shown.errors).toEqual([
      {
        cluster: 'two',
        message: expect.stringContaining(
          `Cluster two at ${labs.two.apiserverUrl} is unreachable`,
        ),
      },
    ]);

    // Cluster one's rollout goes through every step while two is away.
    await waitForStatus(
      'one',
      'to succeed while cluster two is unreachable',
      s => s.phase === 'Succeeded',
      180_000,
    );
    await progress.one.stop();
    expect(progress.one.weights()).toEqual([20, 40, 60, 80]);
    expect(
      (await portalUntil(entityRollouts, 'the portal to show one succeeded', body =>
        body.items?.some(
          (r: any) => r.cluster === 'one' && r.status.phase === 'Succeeded',
        ),
      )).errors.map((e: any) => e.cluster),
    ).toEqual(['two']);

    // Cluster two is back: its rollout resumes where it was and finishes; the portal shows both.
    await labs.two.startProcess('kube-apiserver');
    await waitForStatus(
      'two',
      'to succeed once its API server is back',
      s => s.phase === 'Succeeded',
      180_000,
    );
    await progress.two.stop();
    expect(progress.two.weights()).toEqual([20, 40, 60, 80]);
    const both = await portalUntil(
      entityRollouts,
      "podinfo's rollouts to show both clusters again",
      body => body.errors?.length === 0 && body.items?.length === 2,
    );
    expect(
      both.items.map((r: any) => `${r.cluster}: ${r.status.phase}`).sort(),
    ).toEqual(['one: Succeeded', 'two: Succeeded']);
    expect(
      (await api('clusters')).body.items.map((c: any) => c.available),
    ).toEqual([true, true]);
  });
});
