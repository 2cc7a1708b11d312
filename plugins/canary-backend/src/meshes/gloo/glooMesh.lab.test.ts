import { LAB_GATEWAYS } from '@vane/mesh-lab';
import { recordCanaryProgress } from '../../testing/recordCanaryProgress';
import { recordSamples } from '../../testing/recordSamples';
import {
  MeshLabRollouts,
  PODINFO_IMAGES,
} from '../__testUtils__/MeshLabRollouts';

// Provider gloo end to end: the canary plugin writes Flagger's Upstreams and RouteTable, the
// team's Gloo VirtualService delegates <namespace>.example.com to that RouteTable, and the lab's
// gateway-proxy (gloo-system/gateway-proxy) routes every request by them as read from the API
// server, reporting Envoy cluster stats under Gloo's cluster names, which the built-in queries
// read unchanged. Three rollouts run at once, each in its own namespace: a promotion by weight, a
// faulty release rolled back, and A/B testing by header.
jest.setTimeout(5 * 60_000);

const NS = { canary: 'gloo-canary', faulty: 'gloo-faulty', ab: 'gloo-ab' };
const host = (namespace: string) => `${namespace}.example.com`;
/** Users through the gateway, every scenario; and the A/B insiders, from the load tester. */
const USERS_RPS = 20;
const INSIDERS_RPS = 10;
const ITERATIONS = 3;

function glooCanary(namespace: string, analysis: Record<string, unknown>) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      provider: 'gloo',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      service: { port: 9898, targetPort: 9898 },
      analysis: {
        interval: '4s',
        threshold: 2,
        ...analysis,
        metrics: [
          {
            name: 'request-success-rate',
            thresholdRange: { min: 99 },
            interval: '10s',
          },
          {
            name: 'request-duration',
            thresholdRange: { max: 500 },
            interval: '10s',
          },
        ],
      },
    },
  };
}

/** The team's VirtualService: every path of its host goes to the Canary's RouteTable. */
function virtualService(namespace: string) {
  return {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'podinfo', namespace },
    spec: {
      virtualHost: {
        domains: [host(namespace)],
        routes: [
          {
            matchers: [{ prefix: '/' }],
            delegateAction: { ref: { name: 'podinfo', namespace } },
          },
        ],
      },
    },
  };
}

const SCENARIOS: Array<{
  namespace: string;
  analysis: Record<string, unknown>;
}> = [
  { namespace: NS.canary, analysis: { stepWeight: 25, maxWeight: 50 } },
  { namespace: NS.faulty, analysis: { stepWeight: 25, maxWeight: 50 } },
  {
    namespace: NS.ab,
    analysis: {
      iterations: ITERATIONS,
      match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
    },
  },
];

describe('provider gloo against the mesh lab', () => {
  let rollouts: MeshLabRollouts;
  const progress = new Map<string, ReturnType<typeof recordCanaryProgress>>();
  /** The RouteTable's [primary, canary] weights, as the API server holds them. */
  const routeWeights = new Map<
    string,
    ReturnType<typeof recordSamples<number[] | undefined>>
  >();
  let abRouting: Promise<Record<string, Record<string, number>>>;

  const routeTable = (namespace: string) =>
    rollouts.cluster.get(
      'gateway.solo.io/v1',
      'RouteTable',
      namespace,
      'podinfo',
    );
  const weightsOf = (table: any): number[] | undefined => {
    const route = (table?.spec?.routes ?? []).find(
      (r: any) => r.routeAction?.multi,
    );
    return route?.routeAction.multi.destinations.map((d: any) => d.weight);
  };
  /** What the gateway-proxy does with 40 requests for the A/B host, with and without the header. */
  const sendAtGateway = (headers: Record<string, string>) =>
    rollouts.lab.dataPlane.send({
      gateway: LAB_GATEWAYS.gloo,
      namespace: NS.ab,
      method: 'GET',
      path: '/',
      headers: { host: host(NS.ab), ...headers },
      count: 40,
    }).served;

  beforeAll(async () => {
    rollouts = await MeshLabRollouts.start(Object.values(NS));
    await Promise.all(
      SCENARIOS.map(async ({ namespace, analysis }) => {
        await rollouts.deployPodinfo(namespace);
        await rollouts.cluster.apply(virtualService(namespace));
        await rollouts.cluster.apply(glooCanary(namespace, analysis));
        rollouts.lab.setLoad({
          gateway: LAB_GATEWAYS.gloo,
          host: host(namespace),
          rps: USERS_RPS,
        });
        await rollouts.waitForStatus(
          namespace,
          'to reach Initialized',
          status => status.phase === 'Initialized',
        );
      }),
    );
    // The insiders, as Flagger's Gloo tutorial loads them: hey through the gateway's Service.
    const response = await fetch(rollouts.lab.loadTesterUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'insiders',
        namespace: NS.ab,
        metadata: {
          type: 'cmd',
          cmd: `hey -z 10m -q ${INSIDERS_RPS} -c 1 -H 'x-canary: insider' -host ${host(
            NS.ab,
          )} http://gateway-proxy.gloo-system/`,
        },
      }),
    });
    // flagger-loadtester accepts a cmd task with 202 and runs it in the background.
    if (response.status !== 202) {
      throw new Error(
        `the load tester refused the insiders' hey: ${
          response.status
        } ${await response.text()}`,
      );
    }

    for (const { namespace } of SCENARIOS) {
      progress.set(
        namespace,
        recordCanaryProgress(rollouts.cluster, namespace, 'podinfo'),
      );
      routeWeights.set(
        namespace,
        recordSamples(async () => weightsOf(await routeTable(namespace)), 200),
      );
    }
    abRouting = rollouts
      .waitForStatus(
        NS.ab,
        'to be analysing its first iteration',
        status => status.phase === 'Progressing' && status.iterations >= 1,
      )
      .then(() => ({
        insiders: sendAtGateway({ 'x-canary': 'insider' }),
        others: sendAtGateway({ 'x-canary': 'outsider' }),
      }));
    abRouting.catch(() => undefined);
    await rollouts.release(NS.canary, PODINFO_IMAGES.next);
    await rollouts.release(NS.faulty, PODINFO_IMAGES.faulty);
    await rollouts.release(NS.ab, PODINFO_IMAGES.next);
  });

  afterAll(async () => {
    await Promise.all([...progress.values()].map(p => p.stop()));
    await Promise.all([...routeWeights.values()].map(s => s.stop()));
    await rollouts?.stop();
  });

  it("promotes a release through the RouteTable's weights in order, then hands the traffic back to the primary", async () => {
    await rollouts.waitForStatus(
      NS.canary,
      'to reach Succeeded',
      status => status.phase === 'Succeeded',
    );
    const rollout = progress.get(NS.canary)!;
    await rollout.stop();
    await routeWeights.get(NS.canary)!.stop();
    expect(rollout.weights()).toEqual([25, 50]);
    const phases = rollout.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(routeWeights.get(NS.canary)!.samples.map(s => s.value)).toEqual([
      [100, 0],
      [75, 25],
      [50, 50],
      [100, 0],
    ]);
    expect(await rollouts.primaryImage(NS.canary)).toBe(PODINFO_IMAGES.next);
    // The gateway-proxy reported both Upstreams' clusters under Gloo's names.
    const clusters = await rollouts.lab.query(
      `sum by (envoy_cluster_name) (envoy_cluster_upstream_rq{envoy_cluster_name=~"${NS.canary}-.*"})`,
    );
    expect(clusters.map(c => c.metric.envoy_cluster_name).sort()).toEqual([
      `${NS.canary}-podinfo-canaryupstream-9898_${NS.canary}`,
      `${NS.canary}-podinfo-primaryupstream-9898_${NS.canary}`,
    ]);
  });

  it("reads the released workload's health through the mesh health route", async () => {
    const body = await rollouts.healthUntil(
      NS.canary,
      'podinfo-primary serving the promoted release',
      b =>
        b.items?.some(
          (i: any) =>
            i.workload === 'podinfo-primary' && i.requestsPerSecond > 0,
        ),
    );
    expect(body.errors).toEqual([]);
    expect(body.items.find((i: any) => i.role === 'primary')).toMatchObject({
      cluster: 'lab',
      namespace: NS.canary,
      workload: 'podinfo-primary',
      canary: `${NS.canary}/podinfo`,
      status: 'healthy',
      successRate: 100,
      errorRate5xx: 0,
    });
  });

  it('rolls a faulty release back on the built-in success rate, saying so, and charts its failed checks', async () => {
    const failed = await rollouts.waitForStatus(
      NS.faulty,
      'to reach Failed',
      status => status.phase === 'Failed',
    );
    expect(failed.reason).toMatch(
      /^request-success-rate \d+(\.\d+)?% < 99% \(2 of 2 failed checks\)$/,
    );
    const rollout = progress.get(NS.faulty)!;
    await rollout.stop();
    expect(rollout.phases()).not.toContain('Promoting');
    expect(await rollouts.primaryImage(NS.faulty)).toBe(PODINFO_IMAGES.good);
    expect(weightsOf(await routeTable(NS.faulty))).toEqual([100, 0]);

    const analysis = await rollouts.analysisWithSamples(NS.faulty);
    const successRate = analysis.metrics.find(
      (m: any) => m.name === 'request-success-rate',
    );
    expect(successRate.error).toBeUndefined();
    expect(successRate.canary.some(([, v]: number[]) => v < 99)).toBe(true);
    expect(successRate.failed.length).toBeGreaterThan(0);
  });

  it('A/B: sends the requests with the header to the canary and every other one to the primary, then promotes', async () => {
    expect(await abRouting).toEqual({
      insiders: { podinfo: 40 },
      others: { 'podinfo-primary': 40 },
    });
    await rollouts.waitForStatus(
      NS.ab,
      'to reach Succeeded',
      status => status.phase === 'Succeeded',
    );
    const rollout = progress.get(NS.ab)!;
    await rollout.stop();
    expect(rollout.iterations()).toEqual([1, 2, 3]);
    expect(await rollouts.primaryImage(NS.ab)).toBe(PODINFO_IMAGES.next);
  });
});
