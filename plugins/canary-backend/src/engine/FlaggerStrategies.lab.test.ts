import { Lab, podinfoObjects, startLab, waitFor } from '@vane/mesh-lab';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// Flagger's release strategies other than the progressive canary, end to end against the mesh
// lab (real apiserver, controllers and Prometheus, simulated data plane) and the canary plugin in
// a backend process: A/B testing (`analysis.iterations` + `analysis.match`, by header and by
// cookie) through Istio and Gateway API, and blue/green (`iterations` alone) on the `kubernetes`
// provider. The four Canaries roll out at the same time, each in its own namespace, so the suite
// costs one rollout's time; each test then asserts what its strategy promises, from the status
// history the recorder kept and from the proxies' request metrics in Prometheus.
jest.setTimeout(10 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const ITERATIONS = 3;
/**
 * A/B's first metric check comes one interval after the routes send the matching users to the
 * canary, and rate() needs two 1 s scrapes of the canary's new series: 4 s leaves room on a busy
 * machine for that data to be there.
 */
const INTERVAL_SECONDS = 4;
/** The stream the strategy sends to the canary (A/B: matching users; blue/green: the load test). */
const CANARY_STREAM_RPS = 10;
/** Every other user, on the apex Service. */
const USERS_RPS = 20;
/** The lab names its load streams' source workload: the load tester's hey runs, background load. */
const LOAD_TESTER = 'flagger-loadtester';
const BACKGROUND = 'mesh-lab-load';
/**
 * Time for a route change to reach the data plane (informer) and Prometheus (1 s scrapes):
 * request counts are read from this long after the analysis started.
 */
const ROUTE_SETTLE_MS = 2_000;

interface Scenario {
  namespace: string;
  provider: 'istio' | 'gatewayapi' | 'kubernetes';
  /** `analysis.match`: A/B testing; none for blue/green. */
  match?: Array<Record<string, unknown>>;
  /** Headers of the users the match selects (A/B), sent by the load tester's `hey`. */
  matchingHeaders?: Record<string, string>;
  /** Headers of every other user, sent as the lab's background load to the apex Service. */
  otherHeaders?: Record<string, string>;
}

const AB_HEADER: Scenario['match'] = [
  { headers: { 'x-canary': { exact: 'insider' } } },
];

const SCENARIOS = {
  abHeaderIstio: {
    namespace: 'ab-header-istio',
    provider: 'istio',
    match: AB_HEADER,
    matchingHeaders: { 'x-canary': 'insider' },
    otherHeaders: { 'x-canary': 'outsider' },
  },
  // Flagger's documented cookie condition (docs/gitbook/usage/deployment-strategies.md).
  abCookieIstio: {
    namespace: 'ab-cookie-istio',
    provider: 'istio',
    match: [
      { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
    ],
    matchingHeaders: { cookie: 'canary=always; session=a1' },
    otherHeaders: { cookie: 'canary=never; session=b2' },
  },
  abHeaderGatewayApi: {
    namespace: 'ab-header-gatewayapi',
    provider: 'gatewayapi',
    match: AB_HEADER,
    matchingHeaders: { 'x-canary': 'insider' },
    otherHeaders: { 'x-canary': 'outsider' },
  },
  blueGreenKubernetes: {
    namespace: 'bluegreen-kubernetes',
    provider: 'kubernetes',
  },
} satisfies Record<string, Scenario>;

function strategyCanary(scenario: Scenario) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: scenario.namespace },
    spec: {
      provider: scenario.provider,
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      service: { port: 9898, targetPort: 9898 },
      analysis: {
        interval: `${INTERVAL_SECONDS}s`,
        threshold: 2,
        iterations: ITERATIONS,
        ...(scenario.match ? { match: scenario.match } : {}),
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

/** Where the load tester's `hey` runs: the apex for A/B users, the canary's Service for blue/green. */
function canaryStreamCommand(scenario: Scenario): string {
  const headers = Object.entries(scenario.matchingHeaders ?? {})
    .map(([name, value]) => `-H '${name}: ${value}' `)
    .join('');
  const host = scenario.match ? 'podinfo' : 'podinfo-canary';
  // Longer than the suite: the stream runs until the lab stops.
  return `hey -z 10m -q ${CANARY_STREAM_RPS} -c 1 ${headers}http://${host}.${scenario.namespace}:9898/`;
}

interface RolloutUnderTest {
  progress: ReturnType<typeof recordCanaryProgress>;
  /** The routing object (VirtualService, HTTPRoute or apex Service) as it was during the analysis. */
  routingDuringAnalysis: Promise<any>;
}

describe('Flagger release strategies against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess | undefined;
  const rollouts = new Map<Scenario, RolloutUnderTest>();

  /** Waits until the status of the Canary podinfo in `namespace` satisfies `condition`. */
  async function waitForStatus(
    namespace: string,
    description: string,
    condition: (status: any) => boolean,
    timeoutMs = 120_000,
  ): Promise<any> {
    let status: any;
    await waitFor(
      `Canary ${namespace}/podinfo ${description}`,
      async () => {
        status = (await cluster.canary(namespace, 'podinfo'))?.status;
        return status !== undefined && condition(status);
      },
      { timeoutMs, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  const routingObject = (scenario: Scenario) => {
    const { namespace, provider } = scenario;
    if (provider === 'istio') {
      return cluster.get(
        'networking.istio.io/v1beta1',
        'VirtualService',
        namespace,
        'podinfo',
      );
    }
    if (provider === 'gatewayapi') {
      return cluster.get(
        'gateway.networking.k8s.io/v1beta1',
        'HTTPRoute',
        namespace,
        'podinfo',
      );
    }
    return cluster.get('v1', 'Service', namespace, 'podinfo');
  };

  async function initialise(scenario: Scenario) {
    const { namespace } = scenario;
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    for (const object of podinfoObjects({
      namespace,
      name: 'podinfo',
      replicas: 2,
      image: GOOD,
      service: false,
    })) {
      await cluster.apply(object);
    }
    lab.setLoad({
      service: 'podinfo',
      namespace,
      rps: USERS_RPS,
      headers: scenario.otherHeaders,
    });
    await cluster.apply(strategyCanary(scenario));
    await waitForStatus(
      namespace,
      'to reach Initialized',
      status => status.phase === 'Initialized',
    );
  }

  /** Starts the canary's stream through the lab's load tester (Flagger's webhook contract). */
  async function startCanaryStream(scenario: Scenario) {
    const response = await fetch(lab.loadTesterUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'strategy-test',
        namespace: scenario.namespace,
        metadata: { type: 'cmd', cmd: canaryStreamCommand(scenario) },
      }),
    });
    // flagger-loadtester accepts a cmd task with 202 and runs it in the background.
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 202,
      body: '',
    });
  }

  async function release(scenario: Scenario): Promise<RolloutUnderTest> {
    const { namespace } = scenario;
    const progress = recordCanaryProgress(cluster, namespace, 'podinfo');
    await cluster.patch('apps/v1', 'Deployment', namespace, 'podinfo', {
      spec: {
        template: {
          spec: { containers: [{ name: 'podinfod', image: NEXT }] },
        },
      },
    });
    const routingDuringAnalysis = waitForStatus(
      namespace,
      'to be analysing (Progressing, iterations >= 1)',
      status => status.phase === 'Progressing' && status.iterations >= 1,
    ).then(() => routingObject(scenario));
    // Awaited by the scenario's test; a failure here must not end the process before that.
    routingDuringAnalysis.catch(() => undefined);
    return { progress, routingDuringAnalysis };
  }

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    engine = await startEngineProcess({
      name: 'strategies',
      config: {
        canary: {
          clusters: [lab.clusterConfig('lab')],
          engine: { leaseDurationSeconds: 6 },
        },
      },
    });
    await engine.waitForOutput(/now drives this cluster/);
    const scenarios: Scenario[] = Object.values(SCENARIOS);
    await Promise.all(scenarios.map(initialise));
    await Promise.all(scenarios.map(startCanaryStream));
    for (const scenario of scenarios) {
      rollouts.set(scenario, await release(scenario));
    }
  });

  afterAll(async () => {
    await Promise.all([...rollouts.values()].map(r => r.progress.stop()));
    await engine?.stop();
    await lab?.stop();
  });

  interface Window {
    fromMs: number;
    toMs: number;
  }

  /**
   * How much a counter grew during a window, summed by the given labels (joined with ` -> `),
   * keeping the label combinations that grew at all.
   */
  async function increaseDuring(
    window: Window,
    counter: string,
    labels: string[],
  ): Promise<Record<string, number>> {
    const range = `${Math.floor(window.toMs - window.fromMs)}ms`;
    const samples = await lab.query(
      `sum by (${labels.join(', ')}) (increase(${counter}[${range}] @ ${(
        window.toMs / 1000
      ).toFixed(3)}))`,
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

  /**
   * Requests sent from the Canary's namespace during a window, from the client-side proxies'
   * `istio_requests_total` (every request, answered or not). The lab's proxies report Istio's
   * standard metrics whatever routing object decided, and they carry the source workload that
   * tells the streams apart.
   */
  const requestsDuring = (
    namespace: string,
    window: Window,
    labels: string[],
  ) =>
    increaseDuring(
      window,
      `istio_requests_total{reporter="source",source_workload_namespace="${namespace}"}`,
      labels,
    );

  /**
   * The analysis as the recorder saw it: from the first iteration (the routes for it written
   * just before) until the Canary turned Promoting (its routes unchanged until the primary has
   * rolled out), shortened at the start by the time a route change takes to show in Prometheus.
   */
  function analysisWindow(rollout: RolloutUnderTest): Window {
    const started = rollout.progress.first(
      s => s.phase === 'Progressing' && (s.iterations ?? 0) >= 1,
    );
    const promoting = rollout.progress.first(s => s.phase === 'Promoting');
    expect(started).toBeDefined();
    expect(promoting).toBeDefined();
    const window = {
      fromMs: started!.at + ROUTE_SETTLE_MS,
      toMs: promoting!.at,
    };
    // At least two analysis intervals are measured, so the check below covers the analysis.
    expect(window.toMs - window.fromMs).toBeGreaterThan(
      2 * INTERVAL_SECONDS * 1000 - ROUTE_SETTLE_MS,
    );
    return window;
  }

  /** Waits for Succeeded and checks the run of an iterations strategy: 1..N, then the promotion. */
  async function expectPromotedAfterIterations(scenario: Scenario) {
    const { namespace } = scenario;
    const rollout = rollouts.get(scenario)!;
    await waitForStatus(
      namespace,
      'to reach Succeeded',
      status => status.phase === 'Succeeded',
      180_000,
    );
    await rollout.progress.stop();

    expect(rollout.progress.iterations()).toEqual([1, 2, 3]);
    const phases = rollout.progress.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    // Every analysis passed: the canary had traffic and data from its first check on.
    expect(
      rollout.progress.states.filter(s => (s.failedChecks ?? 0) > 0),
    ).toEqual([]);
    // Once the primary runs the promoted revision, nothing is awaited any more.
    const finalising = rollout.progress.first(s => s.phase === 'Finalising');
    expect(finalising).toBeDefined();
    expect(finalising!.reason).toBeUndefined();
    expect(
      (await cluster.deployment(namespace, 'podinfo-primary')).spec.template
        .spec.containers[0].image,
    ).toBe(NEXT);
    expect((await cluster.deployment(namespace, 'podinfo')).spec.replicas).toBe(
      0,
    );
    return rollout;
  }

  /**
   * Waits until requests in the namespace are answered only by podinfo-primary's pods running
   * NEXT (podinfo's own request metrics, per pod, over the last 3 s): the new version serves.
   */
  async function waitForPromotedPrimaryServing(namespace: string) {
    let served: string[] = [];
    let images: Record<string, string> = {};
    await waitFor(
      `requests in ${namespace} to be answered only by podinfo-primary pods running ${NEXT}`,
      async () => {
        const samples = await lab.query(
          `sum by (kubernetes_pod_name) (increase(http_request_duration_seconds_count{kubernetes_namespace="${namespace}"}[3s]))`,
        );
        served = samples
          .filter(sample => sample.value > 0)
          .map(sample => sample.metric.kubernetes_pod_name);
        const pods = await cluster.list('v1', 'Pod', namespace);
        images = Object.fromEntries(
          pods.map(pod => [pod.metadata.name, pod.spec.containers[0].image]),
        );
        return (
          served.length > 0 &&
          served.every(
            name =>
              name.startsWith('podinfo-primary-') && images[name] === NEXT,
          )
        );
      },
      {
        timeoutMs: 30_000,
        observe: () =>
          JSON.stringify(served.map(name => [name, images[name] ?? 'gone'])),
      },
    );
  }

  /** The backends and weights of each rule of a VirtualService or an HTTPRoute, in order. */
  function ruleWeights(routing: any): Array<Array<[string, number]>> {
    return routing.kind === 'VirtualService'
      ? routing.spec.http.map((rule: any) =>
          rule.route.map((r: any) => [r.destination.host, r.weight]),
        )
      : routing.spec.rules.map((rule: any) =>
          rule.backendRefs.map((b: any) => [b.name, b.weight]),
        );
  }

  /**
   * What every A/B run promises once it has Succeeded: during the analysis the matching users
   * (the load tester's stream) reached only the canary and everyone else only the primary; then
   * the matching route hands its users back to the primary, which serves the new version.
   * Returns the analysis window.
   */
  async function expectAbRollout(scenario: Scenario) {
    const { namespace } = scenario;
    const rollout = await expectPromotedAfterIterations(scenario);
    const window = analysisWindow(rollout);
    const served = await requestsDuring(namespace, window, [
      'source_workload',
      'destination_workload',
    ]);
    expect(Object.keys(served).sort()).toEqual([
      `${LOAD_TESTER} -> podinfo`,
      `${BACKGROUND} -> podinfo-primary`,
    ]);
    const seconds = (window.toMs - window.fromMs) / 1000;
    expect(served[`${LOAD_TESTER} -> podinfo`]).toBeGreaterThan(
      0.7 * CANARY_STREAM_RPS * seconds,
    );

    expect(ruleWeights(await routingObject(scenario))).toEqual([
      [
        ['podinfo-primary', 100],
        ['podinfo-canary', 0],
      ],
      [['podinfo-primary', 100]],
    ]);
    await waitForPromotedPrimaryServing(namespace);
    return window;
  }

  /** The routes of an A/B analysis: the matching rule all to the canary, the rest to the primary. */
  const AB_ANALYSIS_WEIGHTS = [
    [
      ['podinfo-primary', 0],
      ['podinfo-canary', 100],
    ],
    [['podinfo-primary', 100]],
  ];

  it.each([
    ['by header through Istio', SCENARIOS.abHeaderIstio],
    ['by cookie through Istio', SCENARIOS.abCookieIstio],
  ])(
    'A/B %s: matching requests reach only the canary and all others only the primary during the analysis, then iterations 1..3, Promoting, Finalising, Succeeded',
    async (_, scenario: Scenario) => {
      const during = await rollouts.get(scenario)!.routingDuringAnalysis;
      expect(during.spec.gateways).toEqual(['mesh']);
      expect(during.spec.http.map((rule: any) => rule.match)).toEqual([
        scenario.match,
        undefined,
      ]);
      expect(ruleWeights(during)).toEqual(AB_ANALYSIS_WEIGHTS);

      await expectAbRollout(scenario);
    },
  );

  it('A/B by header through Gateway API: a GAMMA HTTPRoute on the Service sends matching requests only to the canary and all others only to the primary, then promotes after 3 iterations', async () => {
    const scenario: Scenario = SCENARIOS.abHeaderGatewayApi;
    const { namespace } = scenario;
    const during = await rollouts.get(scenario)!.routingDuringAnalysis;
    expect(during.spec.parentRefs).toEqual([
      { group: '', kind: 'Service', name: 'podinfo', port: 9898 },
    ]);
    expect(during.spec.rules.map((rule: any) => rule.matches)).toEqual([
      [
        {
          path: { type: 'PathPrefix', value: '/' },
          headers: [{ type: 'Exact', name: 'x-canary', value: 'insider' }],
        },
      ],
      [{ path: { type: 'PathPrefix', value: '/' } }],
    ]);
    expect(ruleWeights(during)).toEqual(AB_ANALYSIS_WEIGHTS);

    const window = await expectAbRollout(scenario);
    // The Envoy cluster stats the engine's gatewayapi queries read (no source label): the canary's
    // cluster took the matching users' share of the requests, the primary's the rest.
    const perCluster = await increaseDuring(
      window,
      `envoy_cluster_upstream_rq_total{envoy_cluster_name=~"${namespace}_.*"}`,
      ['envoy_cluster_name'],
    );
    const canaryCluster = `${namespace}_podinfo-canary_9898`;
    const primaryCluster = `${namespace}_podinfo-primary_9898`;
    expect(Object.keys(perCluster).sort()).toEqual([
      canaryCluster,
      primaryCluster,
    ]);
    expect(
      perCluster[canaryCluster] /
        (perCluster[canaryCluster] + perCluster[primaryCluster]),
    ).toBeCloseTo(CANARY_STREAM_RPS / (CANARY_STREAM_RPS + USERS_RPS), 1);
  });

  it('blue/green on the kubernetes provider: the canary is load-tested on its own Service while the apex keeps selecting the primary, iterations 1..3, then the new version serves on the apex', async () => {
    const scenario: Scenario = SCENARIOS.blueGreenKubernetes;
    const { namespace } = scenario;
    const during = await rollouts.get(scenario)!.routingDuringAnalysis;
    expect(during.spec.selector).toEqual({ app: 'podinfo-primary' });

    const rollout = await expectPromotedAfterIterations(scenario);
    // The apex is never switched: no canary weight at any point.
    expect(rollout.progress.weights()).toEqual([]);
    const window = analysisWindow(rollout);
    const served = await requestsDuring(namespace, window, [
      'source_workload',
      'destination_service_name',
      'destination_workload',
    ]);
    expect(Object.keys(served).sort()).toEqual([
      `${LOAD_TESTER} -> podinfo-canary -> podinfo`,
      `${BACKGROUND} -> podinfo -> podinfo-primary`,
    ]);

    expect(
      (await cluster.get('v1', 'Service', namespace, 'podinfo')).spec.selector,
    ).toEqual({ app: 'podinfo-primary' });
    await waitForPromotedPrimaryServing(namespace);
  });
});
