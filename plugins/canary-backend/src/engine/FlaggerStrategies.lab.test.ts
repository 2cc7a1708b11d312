import { Lab, podinfoObjects, startLab, waitFor } from '@vane/mesh-lab';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';
import { recordSamples } from '../testing/recordSamples';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// Flagger's release strategies other than the plain progressive canary, end to end against the
// mesh lab (real apiserver, controllers and Prometheus, simulated data plane) and the canary
// plugin in a backend process: A/B testing (`analysis.iterations` + `analysis.match`, by header
// and by cookie, through Istio and Gateway API), blue/green (`iterations` alone) on the
// `kubernetes` provider and through Istio, a canary release whose first step mirrors the traffic
// (`mirror` with weight steps) through Istio, and one with session affinity through Gateway API.
// The Canaries roll out at the same time, each in its own namespace, so the suite costs one
// rollout's time; each test then asserts what its strategy promises, from the status history the
// recorder kept, what the samplers saw of routes and loads, and the proxies' request metrics in
// Prometheus.
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
/**
 * The weighted canaries' interval: the mirror step and each weight step last one interval, and
 * what their traffic does is measured over it, from when the route change has settled: 6 s of
 * 20-30 rps streams.
 */
const WEIGHTED_INTERVAL_SECONDS = 8;
/** The share of requests the mirroring canary gets a copy of (`analysis.mirrorWeight`). */
const MIRROR_WEIGHT = 50;
/** The sticky clients of the session affinity canary, and the rate of its new clients. */
const STICKY_CLIENTS = 40;
const NEW_CLIENTS_RPS = 30;
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
/**
 * How long before a sampler sees a routing object changed it may have changed in the data plane
 * (the sampler polls every 200 ms; the data plane follows a watch).
 */
const ROUTE_SAMPLED_WITHIN_MS = 500;

interface Scenario {
  namespace: string;
  provider: 'istio' | 'gatewayapi' | 'kubernetes';
  /** `analysis.match`: A/B testing; none for blue/green. */
  match?: Array<Record<string, unknown>>;
  /** Headers of the users the match selects (A/B), sent by the load tester's `hey`. */
  matchingHeaders?: Record<string, string>;
  /** Headers of every other user, sent as the lab's background load to the apex Service. */
  otherHeaders?: Record<string, string>;
  /** Analysis fields over the iterations default: weight steps, mirror, sessionAffinity. */
  analysis?: Record<string, unknown>;
  /** The background load as this many sticky clients, each keeping its cookies. */
  stickyClients?: number;
  /**
   * Where the load tester's hey stream goes (default: the apex for A/B, the canary's Service for
   * blue/green), and how fast; null for none.
   */
  stream?: { host: 'podinfo' | 'podinfo-canary'; rps: number } | null;
  /** The analysis is under way (default: its first iteration). */
  analysing?: (status: any) => boolean;
  /** Sample its routes, its primary and its users' stream during the rollout (samplers). */
  sampled?: true;
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
  abCookieGatewayApi: {
    namespace: 'ab-cookie-gatewayapi',
    provider: 'gatewayapi',
    match: [
      { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
    ],
    matchingHeaders: { cookie: 'canary=always; session=a1' },
    otherHeaders: { cookie: 'canary=never; session=b2' },
  },
  blueGreenKubernetes: {
    namespace: 'bluegreen-kubernetes',
    provider: 'kubernetes',
  },
  blueGreenIstio: {
    namespace: 'bluegreen-istio',
    provider: 'istio',
    sampled: true,
  },
  mirrorIstio: {
    namespace: 'mirror-istio',
    provider: 'istio',
    analysis: {
      interval: `${WEIGHTED_INTERVAL_SECONDS}s`,
      iterations: undefined,
      stepWeight: 50,
      maxWeight: 50,
      mirror: true,
      mirrorWeight: MIRROR_WEIGHT,
    },
    // The canary is judged on the copies of the users' requests, then on its share of them.
    stream: null,
    analysing: status => status.mirrored === true,
    sampled: true,
  },
  stickyGatewayApi: {
    namespace: 'sticky-gatewayapi',
    provider: 'gatewayapi',
    analysis: {
      interval: `${WEIGHTED_INTERVAL_SECONDS}s`,
      iterations: undefined,
      stepWeight: 25,
      maxWeight: 50,
      sessionAffinity: { cookieName: 'flagger-cookie' },
    },
    stickyClients: STICKY_CLIENTS,
    // New clients: hey keeps no cookies, so each of its requests is a client the route has not
    // seen.
    stream: { host: 'podinfo', rps: NEW_CLIENTS_RPS },
    analysing: status => (status.canaryWeight ?? 0) > 0,
    sampled: true,
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
        ...scenario.analysis,
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
  const { host, rps } = scenario.stream ?? {
    host: scenario.match ? 'podinfo' : 'podinfo-canary',
    rps: CANARY_STREAM_RPS,
  };
  // Longer than the suite: the stream runs until the lab stops.
  return `hey -z 10m -q ${rps} -c 1 ${headers}http://${host}.${scenario.namespace}:9898/`;
}

interface RolloutUnderTest {
  progress: ReturnType<typeof recordCanaryProgress>;
  /** The routing object (VirtualService, HTTPRoute or apex Service) as it was during the analysis. */
  routingDuringAnalysis: Promise<any>;
  /** For a `sampled` scenario. */
  samplers?: {
    /** The routing object's backends and weights, rule by rule (ruleWeights). */
    routing: ReturnType<typeof recordSamples<Array<Array<[string, number]>>>>;
    /** podinfo-primary's image and whether it has rolled out. */
    primary: ReturnType<
      typeof recordSamples<{ image: string; rolledOut: boolean }>
    >;
    /** The users' background stream: answers by workload, and its sticky clients. */
    users: ReturnType<
      typeof recordSamples<{
        served: Record<string, number>;
        stickyClients: Array<{
          cookie: string;
          served: Record<string, number>;
        }>;
      }>
    >;
  };
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
      clients: scenario.stickyClients,
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
    const samplers = scenario.sampled && {
      routing: recordSamples(
        async () => ruleWeights(await routingObject(scenario)),
        200,
      ),
      primary: recordSamples(async () => {
        const primary = await cluster.deployment(namespace, 'podinfo-primary');
        return {
          image: primary.spec.template.spec.containers[0].image,
          // Rolled out: every replica updated and available (the engine's readiness).
          rolledOut:
            primary.status?.observedGeneration >= primary.metadata.generation &&
            primary.status?.updatedReplicas === primary.spec.replicas &&
            primary.status?.availableReplicas === primary.spec.replicas,
        };
      }, 200),
      // The users' stream: who answered it, and (sticky clients) each client's cookies.
      users: recordSamples(() => {
        const users = lab
          .loads()
          .find(
            load =>
              load.id.startsWith('background:') && load.namespace === namespace,
          );
        return {
          served: users?.served ?? {},
          stickyClients: users?.stickyClients ?? [],
        };
      }, 200),
    };
    await cluster.patch('apps/v1', 'Deployment', namespace, 'podinfo', {
      spec: {
        template: {
          spec: { containers: [{ name: 'podinfod', image: NEXT }] },
        },
      },
    });
    const analysing =
      scenario.analysing ?? ((status: any) => status.iterations >= 1);
    const routingDuringAnalysis = waitForStatus(
      namespace,
      'to be analysing (Progressing, its first iteration or step)',
      status => status.phase === 'Progressing' && analysing(status),
    ).then(() => routingObject(scenario));
    // Awaited by the scenario's test; a failure here must not end the process before that.
    routingDuringAnalysis.catch(() => undefined);
    return {
      progress,
      routingDuringAnalysis,
      ...(samplers ? { samplers } : {}),
    };
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
    await Promise.all(
      scenarios.filter(s => s.stream !== null).map(startCanaryStream),
    );
    for (const scenario of scenarios) {
      rollouts.set(scenario, await release(scenario));
    }
  });

  afterAll(async () => {
    await Promise.all([...rollouts.values()].map(r => r.progress.stop()));
    await Promise.all(
      [...rollouts.values()].flatMap(r =>
        Object.values(r.samplers ?? {}).map(sampler => sampler.stop()),
      ),
    );
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

  /**
   * Waits for Succeeded (the recorder stopped then) and checks that the rollout went from its
   * analysis through Promoting and Finalising with every check passed: the canary had traffic
   * and data from its first check on.
   */
  async function expectSucceeded(scenario: Scenario) {
    const rollout = rollouts.get(scenario)!;
    await waitForStatus(
      scenario.namespace,
      'to reach Succeeded',
      status => status.phase === 'Succeeded',
      180_000,
    );
    await rollout.progress.stop();
    const phases = rollout.progress.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(
      rollout.progress.states.filter(s => (s.failedChecks ?? 0) > 0),
    ).toEqual([]);
    return rollout;
  }

  /**
   * Waits for Succeeded and checks the run of an iterations strategy: 1..N (and N+1 for
   * blue/green, which moves the traffic to the canary there, as Flagger counts it), then the
   * promotion.
   */
  async function expectPromotedAfterIterations(scenario: Scenario) {
    const { namespace } = scenario;
    const rollout = await expectSucceeded(scenario);
    expect(rollout.progress.iterations()).toEqual(
      scenario.match ? [1, 2, 3] : [1, 2, 3, 4],
    );
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

  it.each([
    [
      'by header',
      SCENARIOS.abHeaderGatewayApi,
      { type: 'Exact', name: 'x-canary', value: 'insider' },
    ],
    [
      // Gateway API matches no cookie as such: Flagger's cookie regex becomes a regular
      // expression on the Cookie header.
      'by cookie',
      SCENARIOS.abCookieGatewayApi,
      {
        type: 'RegularExpression',
        name: 'cookie',
        value: '^(.*?;)?(canary=always)(;.*)?$',
      },
    ],
  ])(
    'A/B %s through Gateway API: a GAMMA HTTPRoute on the Service sends matching requests only to the canary and all others only to the primary, then promotes after 3 iterations',
    async (_, scenario: Scenario, headerMatch) => {
      const { namespace } = scenario;
      const during = await rollouts.get(scenario)!.routingDuringAnalysis;
      expect(during.spec.parentRefs).toEqual([
        { group: '', kind: 'Service', name: 'podinfo', port: 9898 },
      ]);
      expect(during.spec.rules.map((rule: any) => rule.matches)).toEqual([
        [
          {
            path: { type: 'PathPrefix', value: '/' },
            headers: [headerMatch],
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
    },
  );

  it('blue/green on the kubernetes provider: the canary is load-tested on its own Service while the apex keeps selecting the primary, iterations 1..3 and 4 (where a mesh would move the traffic to the canary), then the new version serves on the apex', async () => {
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
  /** What a sticky client's or a stream's answers grew by between two samples. */
  function answeredBetween(
    before: Record<string, number>,
    after: Record<string, number>,
  ): Record<string, number> {
    return Object.fromEntries(
      Object.entries(after)
        .map(([workload, n]) => [workload, n - (before[workload] ?? 0)])
        .filter(([, n]) => (n as number) > 0),
    );
  }

  it('blue/green through Istio: after the last iteration all traffic moves to the canary, only then is the spec copied to the primary, and traffic goes back to the primary once it has rolled out', async () => {
    const scenario: Scenario = SCENARIOS.blueGreenIstio;
    const rollout = await expectPromotedAfterIterations(scenario);
    const { routing, primary, users } = rollout.samplers!;
    await Promise.all([routing.stop(), primary.stop(), users.stop()]);

    // The VirtualService's weights (its one route), in the order they were seen.
    expect(routing.samples.map(sample => sample.value)).toEqual([
      [
        [
          ['podinfo-primary', 100],
          ['podinfo-canary', 0],
        ],
      ],
      [
        [
          ['podinfo-primary', 0],
          ['podinfo-canary', 100],
        ],
      ],
      [
        [
          ['podinfo-primary', 100],
          ['podinfo-canary', 0],
        ],
      ],
    ]);
    const toCanary = routing.samples[1].at;
    const backToPrimary = routing.samples[2].at;
    const copied = primary.first(p => p.image === NEXT);
    expect(copied).toBeDefined();
    expect({
      copiedAfterTheSwitch: copied!.at > toCanary,
      copiedBeforeTheWayBack: copied!.at < backToPrimary,
    }).toEqual({ copiedAfterTheSwitch: true, copiedBeforeTheWayBack: true });
    // Traffic went back only to a primary that had rolled the new version out.
    expect(primary.at(backToPrimary)).toEqual({ image: NEXT, rolledOut: true });
    // The switch tick recorded the weight the routes carried, and the iteration Flagger counts.
    expect(
      rollout.progress.first(s => (s.iterations ?? 0) === ITERATIONS + 1),
    ).toMatchObject({ phase: 'Progressing', canaryWeight: 100 });
    // While the primary rolled out, the users were answered by the canary alone (from 1 s after
    // the switch, for the data plane to follow the VirtualService, until just before the way
    // back may have reached it).
    expect(
      Object.keys(
        answeredBetween(
          users.at(toCanary + 1000)!.served,
          users.at(backToPrimary - ROUTE_SAMPLED_WITHIN_MS)!.served,
        ),
      ),
    ).toEqual(['podinfo']);
    await waitForPromotedPrimaryServing(scenario.namespace);
  });

  it('canary with mirroring through Istio: the first step mirrors (the primary answers every request and the canary gets the mirrored share), the next shifts to weight 50 without mirroring, then the promotion', async () => {
    const scenario: Scenario = SCENARIOS.mirrorIstio;
    const { namespace } = scenario;
    const rollout = rollouts.get(scenario)!;
    const during = await rollout.routingDuringAnalysis;
    expect(during.spec.http).toEqual([
      {
        route: [
          { destination: { host: 'podinfo-primary' }, weight: 100 },
          { destination: { host: 'podinfo-canary' }, weight: 0 },
        ],
        mirror: { host: 'podinfo-canary' },
        mirrorPercentage: { value: MIRROR_WEIGHT },
      },
    ]);
    await expectSucceeded(scenario);
    const { users, routing } = rollout.samplers!;
    await Promise.all([users.stop(), routing.stop()]);

    // The analysis: mirrored at weight 0, then weight 50 unmirrored.
    const steps = rollout.progress.states
      .filter(s => s.phase === 'Progressing')
      .map(s => [s.canaryWeight ?? 0, s.mirrored === true]);
    expect(
      steps.filter(
        (step, i) => JSON.stringify(step) !== JSON.stringify(steps[i - 1]),
      ),
    ).toEqual([
      [0, false],
      [0, true],
      [50, false],
    ]);

    // The mirror step: from its status (the routes written just before), until the sampler saw
    // the VirtualService at weight 50, less its polling period and a margin: the engine writes
    // the routes before the status, so the status seen at 50 comes after the traffic moved.
    const mirrored = rollout.progress.first(s => s.mirrored === true)!;
    const shifted = routing.first(
      rules => JSON.stringify(rules[0]?.[1]) === '["podinfo-canary",50]',
    )!;
    expect(shifted).toBeDefined();
    const window = {
      fromMs: mirrored.at + ROUTE_SETTLE_MS,
      toMs: shifted.at - ROUTE_SAMPLED_WITHIN_MS,
    };
    const seconds = (window.toMs - window.fromMs) / 1000;
    expect(seconds).toBeGreaterThan(WEIGHTED_INTERVAL_SECONDS - 3);
    // The proxies of the destinations: the primary received every request of the users, the
    // canary a copy of about half of them.
    const received = await increaseDuring(
      window,
      `istio_requests_total{reporter="destination",destination_workload_namespace="${namespace}"}`,
      ['destination_workload'],
    );
    expect(received['podinfo-primary']).toBeGreaterThan(
      0.8 * USERS_RPS * seconds,
    );
    expect(received['podinfo-primary']).toBeLessThan(1.2 * USERS_RPS * seconds);
    const mirroredShare = received.podinfo / received['podinfo-primary'];
    expect(mirroredShare).toBeGreaterThan(MIRROR_WEIGHT / 100 - 0.2);
    expect(mirroredShare).toBeLessThan(MIRROR_WEIGHT / 100 + 0.2);
    // The users were answered by the primary alone: the canary's answers to the copies are
    // dropped.
    expect(
      Object.keys(
        answeredBetween(
          users.at(window.fromMs)!.served,
          users.at(window.toMs)!.served,
        ),
      ),
    ).toEqual(['podinfo-primary']);
    await waitForPromotedPrimaryServing(namespace);
  });

  it('session affinity through Gateway API: a client holding the canary cookie stays on the canary across the steps while new clients split by weight; after the promotion the cookie routes to the primary, which expires it', async () => {
    const scenario: Scenario = SCENARIOS.stickyGatewayApi;
    const { namespace } = scenario;
    const rollout = await expectSucceeded(scenario);
    const { users } = rollout.samplers!;
    expect(rollout.progress.weights()).toEqual([25, 50]);
    const at25 = rollout.progress.first(s => s.canaryWeight === 25)!.at;
    const at50 = rollout.progress.first(s => s.canaryWeight === 50)!.at;
    const promoting = rollout.progress.first(s => s.phase === 'Promoting')!.at;
    const status = await cluster.canary(namespace, 'podinfo');
    const cookie = status.status.previousSessionAffinityCookie;
    expect(cookie).toMatch(/^flagger-cookie=[a-zA-Z]{10}$/);

    // New clients (the load tester's hey keeps no cookies) split by the step's weight.
    for (const [weight, window] of [
      [25, { fromMs: at25 + ROUTE_SETTLE_MS, toMs: at50 }],
      [50, { fromMs: at50 + ROUTE_SETTLE_MS, toMs: promoting }],
    ] as const) {
      const sent = await requestsDuring(namespace, window, [
        'source_workload',
        'destination_workload',
      ]);
      const toCanary = sent[`${LOAD_TESTER} -> podinfo`] ?? 0;
      const toPrimary = sent[`${LOAD_TESTER} -> podinfo-primary`] ?? 0;
      expect({
        weight,
        share:
          Math.abs(toCanary / (toCanary + toPrimary) - weight / 100) < 0.12,
      }).toEqual({ weight, share: true });
    }

    // The sticky clients that held the canary's cookie at the end of the first step were
    // answered by the canary alone through the next step, and kept the same cookie.
    const endOfFirstStep = users.at(at50)!.stickyClients;
    const stillOnTheWay = users.at(promoting)!.stickyClients;
    const holders = endOfFirstStep
      .map((client, i) => ({ client, i }))
      .filter(({ client }) => client.cookie === cookie);
    expect(holders.length).toBeGreaterThanOrEqual(5);
    expect(
      holders.map(({ client, i }) => ({
        cookie: stillOnTheWay[i].cookie,
        answeredBy: Object.keys(
          answeredBetween(client.served, stillOnTheWay[i].served),
        ),
      })),
    ).toEqual(holders.map(() => ({ cookie, answeredBy: ['podinfo'] })));

    // After the promotion: the route's answers expire the cookie in every sticky client...
    let clients: Array<{ cookie: string }> = [];
    await waitFor(
      `every sticky client of ${namespace} to have dropped ${cookie}`,
      () => {
        clients = users.samples[users.samples.length - 1].value.stickyClients;
        return clients.length > 0 && clients.every(c => c.cookie === '');
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(clients) },
    );
    await users.stop();
    // ...and a request that still carries it is answered by the primary, which expires it.
    const late = lab.dataPlane.send({
      host: 'podinfo',
      namespace,
      method: 'GET',
      path: '/',
      headers: { cookie },
      count: 1,
    });
    expect({ served: late.served, headers: late.responseHeaders }).toEqual({
      served: { 'podinfo-primary': 1 },
      headers: [['set-cookie', `${cookie}; Max-Age=-1`]],
    });
    expect(ruleWeights(await routingObject(scenario))).toEqual([
      [
        ['podinfo-primary', 100],
        ['podinfo-canary', 0],
      ],
      [
        ['podinfo-primary', 100],
        ['podinfo-canary', 0],
      ],
    ]);
    await waitForPromotedPrimaryServing(namespace);
  });
});
