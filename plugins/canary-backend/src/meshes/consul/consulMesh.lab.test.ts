import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, podinfoObjects, startLab, waitFor } from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../../plugin';
import { componentEntity } from '../../service/__testUtils__/rolloutObjects';
import { LabCluster } from '../../testing/LabCluster';
import { recordCanaryProgress } from '../../testing/recordCanaryProgress';
import { recordSamples } from '../../testing/recordSamples';

// Provider consul end to end against the mesh lab: the canary plugin in a test backend (its
// engine drives the lab's cluster), Consul's config entries as consul-k8s CRDs in the lab's API
// server, the simulated sidecars routing each request from the client through the apex's
// ServiceRouter and ServiceSplitter to the services `<name>-primary` and `<name>-canary` as
// Consul's Envoy resolves them, and reporting it in Consul's Envoy stats, which the built-in
// queries read from the lab's Prometheus unchanged. Three Canaries roll out side by side, each
// in its own namespace and with its own name (Consul CE catalogs services by name alone): a
// promotion by weight steps, a faulty release rolled back, and A/B testing by header.
jest.setTimeout(5 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
/** The faulty release: a third of its answers are 500s. */
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';
const CONSUL = 'consul.hashicorp.com/v1alpha1';
const TEAM = 'group:default/team-a';
/** Each weight step or iteration lasts this long; metrics are read over 10 s. */
const INTERVAL_SECONDS = 4;
/** Users from inside the mesh, on the apex of each Canary. */
const USERS_RPS = 20;
/** The A/B insiders' stream, from the load tester's hey. */
const INSIDERS_RPS = 10;
/** Time for a route change to reach the data plane (watch) and Prometheus (1 s scrapes). */
const ROUTE_SETTLE_MS = 2_000;

interface Scenario {
  namespace: string;
  /** The Deployment, the Canary and the apex Service. */
  name: string;
  release: string;
  analysis: Record<string, unknown>;
  /** Headers of the users' background load. */
  headers?: Record<string, string>;
}

const SCENARIOS = {
  promote: {
    namespace: 'consul-promote',
    name: 'podinfo',
    release: NEXT,
    analysis: { stepWeight: 20, maxWeight: 60, threshold: 3 },
  },
  faulty: {
    namespace: 'consul-faulty',
    name: 'faulty',
    release: FAULTY,
    analysis: { stepWeight: 20, maxWeight: 60, threshold: 2 },
  },
  ab: {
    namespace: 'consul-ab',
    name: 'abtest',
    release: NEXT,
    analysis: {
      iterations: 3,
      threshold: 3,
      match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
    },
    headers: { 'x-canary': 'outsider' },
  },
} satisfies Record<string, Scenario>;

function consulCanary({ namespace, name, analysis }: Scenario) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name, namespace },
    spec: {
      provider: 'consul',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      progressDeadlineSeconds: 60,
      service: { port: 9898, targetPort: 9898 },
      analysis: {
        interval: `${INTERVAL_SECONDS}s`,
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

describe('provider consul against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const progress = new Map<Scenario, ReturnType<typeof recordCanaryProgress>>();
  /** The A/B Canary's ServiceRouter and ServiceSplitter once its analysis is under way. */
  let abDuringAnalysis: Promise<{ router: any; splitter: any }>;
  /** The canary split's weight of each ServiceSplitter, as it changed. */
  const splits = new Map<
    Scenario,
    ReturnType<typeof recordSamples<number | undefined>>
  >();

  const consulObject = (kind: string, { namespace, name }: Scenario) =>
    cluster.get(CONSUL, kind, namespace, name);
  /** The image the primary Deployment of a scenario runs. */
  const primaryImage = async ({ namespace, name }: Scenario) =>
    (await cluster.deployment(namespace, `${name}-primary`)).spec.template.spec
      .containers[0].image;
  const statusOf = async ({ namespace, name }: Scenario) =>
    (await cluster.canary(namespace, name))?.status;

  async function waitForStatus(
    scenario: Scenario,
    description: string,
    condition: (status: any) => boolean,
    timeoutMs = 150_000,
  ): Promise<any> {
    let status: any;
    await waitFor(
      `Canary ${scenario.namespace}/${scenario.name} ${description}`,
      async () => {
        status = await statusOf(scenario);
        return status !== undefined && condition(status);
      },
      { timeoutMs, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  async function initialise(scenario: Scenario) {
    const { namespace, name } = scenario;
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    for (const object of podinfoObjects({
      namespace,
      name,
      image: GOOD,
      labels: { 'backstage.io/kubernetes-id': name },
      service: false,
    })) {
      await cluster.apply(object);
    }
    lab.setLoad({
      service: name,
      namespace,
      rps: USERS_RPS,
      headers: scenario.headers,
    });
    await cluster.apply(consulCanary(scenario));
    await waitForStatus(scenario, 'to reach Initialized', s =>
      ['Initialized', 'Succeeded'].includes(s.phase),
    );
  }

  async function release(scenario: Scenario) {
    const { namespace, name } = scenario;
    progress.set(scenario, recordCanaryProgress(cluster, namespace, name));
    splits.set(
      scenario,
      recordSamples(async () => {
        const splitter = await consulObject('ServiceSplitter', scenario);
        return splitter?.spec.splits.find(
          (s: any) => s.service === `${name}-canary`,
        )?.weight;
      }, 200),
    );
    await cluster.patch('apps/v1', 'Deployment', namespace, name, {
      spec: {
        template: {
          spec: { containers: [{ name: 'podinfod', image: scenario.release }] },
        },
      },
    });
  }

  beforeAll(async () => {
    lab = await startLab({
      readyDelayMs: 300,
      imageBehaviours: { [FAULTY]: { errorRate: 0.3 } },
    });
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
        catalogServiceMock.factory({
          entities: [
            componentEntity('podinfo', TEAM, {
              'backstage.io/kubernetes-id': 'podinfo',
            }),
          ],
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    const scenarios: Scenario[] = Object.values(SCENARIOS);
    await Promise.all(scenarios.map(initialise));
    // The A/B insiders, as a Flagger load-test webhook sends them: hey through the mesh.
    const hey = await fetch(lab.loadTesterUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: SCENARIOS.ab.name,
        namespace: SCENARIOS.ab.namespace,
        metadata: {
          type: 'cmd',
          cmd: `hey -z 10m -q ${INSIDERS_RPS} -c 1 -H 'x-canary: insider' http://abtest.consul-ab:9898/`,
        },
      }),
    });
    // flagger-loadtester accepts a cmd task with 202 and runs it in the background.
    if (hey.status !== 202) {
      throw new Error(
        `The load tester refused the insiders' hey: ${
          hey.status
        } ${await hey.text()}`,
      );
    }
    for (const scenario of scenarios) await release(scenario);
    abDuringAnalysis = waitForStatus(
      SCENARIOS.ab,
      'to be analysing (its first iteration)',
      s => s.phase === 'Progressing' && s.iterations >= 1,
    ).then(async () => ({
      router: await consulObject('ServiceRouter', SCENARIOS.ab),
      splitter: await consulObject('ServiceSplitter', SCENARIOS.ab),
    }));
    // Awaited by the A/B test; a failure here must not end the process before that.
    abDuringAnalysis.catch(() => undefined);
  });

  afterAll(async () => {
    await Promise.all([...progress.values()].map(p => p.stop()));
    await Promise.all([...splits.values()].map(s => s.stop()));
    await backend?.stop();
    await lab?.stop();
  });

  /**
   * How much a counter grew from `fromMs` to `toMs`, summed by `labels` (joined with ` -> `),
   * the combinations that grew at all.
   */
  async function increaseBetween(
    fromMs: number,
    toMs: number,
    counter: string,
    labels: string[],
  ): Promise<Record<string, number>> {
    const samples = await lab.query(
      `sum by (${labels.join(', ')}) (increase(${counter}[${Math.floor(
        toMs - fromMs,
      )}ms] @ ${(toMs / 1000).toFixed(3)}))`,
    );
    return Object.fromEntries(
      samples
        .filter(sample => sample.value > 0)
        .map(sample => [
          labels.map(label => sample.metric[label]).join(' -> '),
          Math.round(sample.value),
        ]),
    );
  }

  it('promotes by weight steps 20, 40, 60 as the ServiceSplitter carried them, then hands all traffic back to the primary service', async () => {
    const scenario = SCENARIOS.promote;
    await waitForStatus(
      scenario,
      'to reach Succeeded',
      s => s.phase === 'Succeeded',
    );
    const recorded = progress.get(scenario)!;
    await recorded.stop();
    await splits.get(scenario)!.stop();
    expect(recorded.weights()).toEqual([20, 40, 60]);
    expect(recorded.phases().slice(-4)).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    // What the data plane followed: the canary split, step by step, and none at the end.
    expect(splits.get(scenario)!.samples.map(sample => sample.value)).toEqual([
      0, 20, 40, 60, 0,
    ]);
    expect((await consulObject('ServiceSplitter', scenario)).spec).toEqual({
      splits: [
        { weight: 100, service: 'podinfo-primary' },
        { weight: 0, service: 'podinfo-canary' },
      ],
    });
    // Weights alone: no ServiceRouter; the three services made http for the splitter.
    expect(await consulObject('ServiceRouter', scenario)).toBeUndefined();
    const defaults = await cluster.list(
      CONSUL,
      'ServiceDefaults',
      scenario.namespace,
    );
    expect(defaults.map(d => [d.metadata.name, d.spec]).sort()).toEqual([
      ['podinfo', { protocol: 'http' }],
      ['podinfo-canary', { protocol: 'http' }],
      ['podinfo-primary', { protocol: 'http' }],
    ]);
    expect(await primaryImage(scenario)).toBe(NEXT);
  });

  it("rolls the faulty release back on the built-in success rate, read from the callers' Consul sidecars", async () => {
    const scenario = SCENARIOS.faulty;
    const status = await waitForStatus(
      scenario,
      'to reach Failed',
      s => s.phase === 'Failed',
    );
    expect(status).toMatchObject({ canaryWeight: 0, failedChecks: 2 });
    expect(status.reason).toMatch(
      /^request-success-rate [0-9.]+% < 99% \(2 of 2 failed checks\)$/,
    );
    // The canary got its 20% and answered a third of it with 500s, as its callers' sidecars
    // reported to Prometheus, which is what the check measured.
    const failed = progress.get(scenario)!.first(s => s.phase === 'Failed')!;
    const started = progress
      .get(scenario)!
      .first(s => (s.canaryWeight ?? 0) > 0)!;
    const codes = await increaseBetween(
      started.at,
      failed.at,
      'envoy_cluster_upstream_rq_xx{consul_destination_service="faulty-canary"}',
      ['envoy_response_code_class'],
    );
    expect(Object.keys(codes).sort()).toEqual(['2', '5']);
    expect(codes['5'] / (codes['2'] + codes['5'])).toBeGreaterThan(0.1);
    expect(
      (await consulObject('ServiceSplitter', scenario)).spec.splits,
    ).toEqual([
      { weight: 100, service: 'faulty-primary' },
      { weight: 0, service: 'faulty-canary' },
    ]);
    expect(await primaryImage(scenario)).toBe(GOOD);
  });

  it('A/B by header: during the analysis the ServiceRouter sends the insiders through the splitter to the canary service and every other user to the primary', async () => {
    const scenario = SCENARIOS.ab;
    const { router, splitter } = await abDuringAnalysis;
    expect(router.spec).toEqual({
      routes: [
        {
          match: { http: { header: [{ name: 'x-canary', exact: 'insider' }] } },
          destination: { service: 'abtest' },
        },
        { destination: { service: 'abtest-primary' } },
      ],
    });
    expect(splitter.spec.splits).toEqual([
      { weight: 0, service: 'abtest-primary' },
      { weight: 100, service: 'abtest-canary' },
    ]);

    await waitForStatus(
      scenario,
      'to reach Succeeded',
      s => s.phase === 'Succeeded',
    );
    const recorded = progress.get(scenario)!;
    await recorded.stop();
    expect(recorded.iterations()).toEqual([1, 2, 3]);
    const first = recorded.first(
      s => s.phase === 'Progressing' && (s.iterations ?? 0) >= 1,
    )!;
    const promoting = recorded.first(s => s.phase === 'Promoting')!;
    // Who sent what to which Consul service, as the callers' sidecars tagged it.
    const sent = await increaseBetween(
      first.at + ROUTE_SETTLE_MS,
      promoting.at,
      'envoy_cluster_upstream_rq_total{consul_destination_service=~"abtest-.*"}',
      ['local_cluster', 'consul_destination_service'],
    );
    expect(Object.keys(sent).sort()).toEqual([
      'flagger-loadtester -> abtest-canary',
      'mesh-lab-load -> abtest-primary',
    ]);
    const seconds = (promoting.at - first.at - ROUTE_SETTLE_MS) / 1000;
    expect(sent['flagger-loadtester -> abtest-canary']).toBeGreaterThan(
      0.7 * INSIDERS_RPS * seconds,
    );
    expect(await primaryImage(scenario)).toBe(NEXT);
  });

  it('reads the health of the released workload through the mesh health route', async () => {
    await waitForStatus(
      SCENARIOS.promote,
      'to reach Succeeded',
      s => s.phase === 'Succeeded',
    );
    let body: any;
    await waitFor(
      'podinfo-primary to show its traffic in the health of podinfo',
      async () => {
        const res = await request(backend.server).get(
          '/api/canary/entities/component/default/podinfo/health?window=1m',
        );
        body = res.body;
        return (
          res.status === 200 &&
          body.items?.some(
            (i: any) =>
              i.workload === 'podinfo-primary' && i.requestsPerSecond > 0,
          )
        );
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
    );
    expect(body.errors).toEqual([]);
    const primary = body.items.find(
      (i: any) => i.workload === 'podinfo-primary',
    );
    expect(primary).toMatchObject({
      cluster: 'lab',
      namespace: SCENARIOS.promote.namespace,
      role: 'primary',
      canary: `${SCENARIOS.promote.namespace}/podinfo`,
      status: 'healthy',
      successRate: 100,
      errorRate5xx: 0,
    });
    expect(primary.latency.p99).toBeGreaterThan(0);
  });
});
