import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LAB_GATEWAYS,
  Lab,
  podinfoObjects,
  startLab,
  waitFor,
} from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../../plugin';
import { componentEntity } from '../../service/__testUtils__/rolloutObjects';
import { LabCluster } from '../../testing/LabCluster';
import { recordCanaryProgress } from '../../testing/recordCanaryProgress';
import { recordSamples } from '../../testing/recordSamples';

// Provider contour end to end: the canary plugin in a test backend drives Canaries against the
// mesh lab, whose traffic enters at its Contour Envoy and follows the root HTTPProxy of
// Flagger's Contour walkthrough (the fqdn), which includes the HTTPProxy the router writes; the
// built-in queries read Envoy's cluster stats of the canary Service from the lab's Prometheus.
// A promotion, a faulty release, an A/B test and a mirrored release roll out at once, each in
// its own namespace and host, then the promoted workload's health is read through the portal.
jest.setTimeout(5 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
/** The faulty release: half its answers are 500s (all of them would leave no non-5xx series to divide). */
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';
const ENVOY = LAB_GATEWAYS.contour;

interface Scenario {
  namespace: string;
  release: string;
  analysis: Record<string, unknown>;
}

const SCENARIOS = {
  promote: {
    namespace: 'contour-promote',
    release: NEXT,
    analysis: { stepWeight: 20, maxWeight: 60 },
  },
  rollback: {
    namespace: 'contour-rollback',
    release: FAULTY,
    analysis: { stepWeight: 20, maxWeight: 60 },
  },
  // Flagger's Contour A/B walkthrough: the header users go to the canary for the iterations.
  ab: {
    namespace: 'contour-ab',
    release: NEXT,
    analysis: {
      iterations: 3,
      match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
    },
  },
  // The first step mirrors half the users' requests to the canary, the next one shifts 50%.
  mirror: {
    namespace: 'contour-mirror',
    release: NEXT,
    analysis: { stepWeight: 50, maxWeight: 50, mirror: true, mirrorWeight: 50 },
  },
} satisfies Record<string, Scenario>;

const hostOf = (scenario: Scenario) => `${scenario.namespace}.example.com`;

/** The root HTTPProxy of Flagger's Contour walkthrough, for this scenario's host. */
function rootProxy(scenario: Scenario) {
  return {
    apiVersion: 'projectcontour.io/v1',
    kind: 'HTTPProxy',
    metadata: { name: 'podinfo-ingress', namespace: scenario.namespace },
    spec: {
      virtualhost: { fqdn: hostOf(scenario) },
      includes: [
        {
          name: 'podinfo',
          namespace: scenario.namespace,
          conditions: [{ prefix: '/' }],
        },
      ],
    },
  };
}

function walkthroughCanary(scenario: Scenario) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: scenario.namespace },
    spec: {
      provider: 'contour',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      service: {
        port: 9898,
        targetPort: 9898,
        timeout: '15s',
        retries: { attempts: 3, perTryTimeout: '5s', retryOn: '5xx' },
      },
      analysis: {
        interval: '4s',
        threshold: 3,
        ...scenario.analysis,
        metrics: [
          {
            name: 'request-success-rate',
            thresholdRange: { min: 99 },
            interval: '30s',
          },
          {
            name: 'request-duration',
            thresholdRange: { max: 500 },
            interval: '30s',
          },
        ],
      },
    },
  };
}

/** The HTTPProxy's routes as weights: `conditions -> service=weight, ...` (mirrors marked). */
function routeWeights(proxy: any): string[] {
  return (proxy?.spec?.routes ?? []).map(
    (route: any) =>
      `${JSON.stringify(route.conditions)} -> ${route.services
        .map(
          (s: any) =>
            `${s.name}${s.mirror ? ' mirror' : ''}=${s.weight ?? 'all'}`,
        )
        .join(', ')}`,
  );
}

describe('provider contour against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  const rollouts = new Map<
    Scenario,
    {
      progress: ReturnType<typeof recordCanaryProgress>;
      routes: ReturnType<typeof recordSamples<string[]>>;
    }
  >();

  async function waitForStatus(
    scenario: Scenario,
    description: string,
    condition: (status: any) => boolean,
  ): Promise<any> {
    let status: any;
    await waitFor(
      `Canary ${scenario.namespace}/podinfo ${description}`,
      async () => {
        status = (await cluster.canary(scenario.namespace, 'podinfo'))?.status;
        return status !== undefined && condition(status);
      },
      { timeoutMs: 150_000, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  const proxyOf = (scenario: Scenario) =>
    cluster.get(
      'projectcontour.io/v1',
      'HTTPProxy',
      scenario.namespace,
      'podinfo',
    );

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
    await cluster.apply(rootProxy(scenario));
    await cluster.apply(walkthroughCanary(scenario));
    await waitForStatus(
      scenario,
      'to reach Initialized',
      status => status.phase === 'Initialized',
    );
    // Everyone through Envoy; A/B's insiders as its walkthrough's hey sends them.
    lab.setLoad({ gateway: ENVOY, host: hostOf(scenario), rps: 20 });
    if (scenario === SCENARIOS.ab) {
      const response = await fetch(lab.loadTesterUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'podinfo',
          namespace,
          metadata: {
            type: 'cmd',
            cmd: `hey -z 10m -q 10 -c 1 -H 'X-Canary: insider' -host ${hostOf(
              scenario,
            )} http://envoy.projectcontour`,
          },
        }),
      });
      expect(response.status).toBe(202);
    }
  }

  async function release(scenario: Scenario) {
    rollouts.set(scenario, {
      progress: recordCanaryProgress(cluster, scenario.namespace, 'podinfo'),
      routes: recordSamples(
        async () => routeWeights(await proxyOf(scenario)),
        200,
      ),
    });
    await cluster.patch(
      'apps/v1',
      'Deployment',
      scenario.namespace,
      'podinfo',
      {
        spec: {
          template: {
            spec: {
              containers: [{ name: 'podinfod', image: scenario.release }],
            },
          },
        },
      },
    );
  }

  beforeAll(async () => {
    lab = await startLab({
      readyDelayMs: 300,
      imageBehaviours: { [FAULTY]: { errorRate: 0.5 } },
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
            componentEntity('podinfo', 'group:default/team-a', {
              'vane.dev/canary': `${SCENARIOS.promote.namespace}/podinfo`,
            }),
          ],
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    const scenarios: Scenario[] = Object.values(SCENARIOS);
    await Promise.all(scenarios.map(initialise));
    await Promise.all(scenarios.map(release));
  });

  afterAll(async () => {
    await Promise.all(
      [...rollouts.values()].flatMap(r => [r.progress.stop(), r.routes.stop()]),
    );
    await backend?.stop();
    await lab?.stop();
  });

  async function finished(scenario: Scenario, phase: 'Succeeded' | 'Failed') {
    const status = await waitForStatus(
      scenario,
      `to reach ${phase}`,
      s => s.phase === phase,
    );
    const rollout = rollouts.get(scenario)!;
    await rollout.progress.stop();
    await rollout.routes.stop();
    return { status, ...rollout };
  }

  /** Requests Envoy sent the cluster of a Service of the scenario (`podinfo-canary`, ...). */
  const upstreamRequests = async (scenario: Scenario, service: string) =>
    (
      await lab.query(
        `sum(envoy_cluster_upstream_rq{envoy_cluster_name="${scenario.namespace}_${service}_9898"})`,
      )
    )[0]?.value ?? 0;

  const PREFIX = '[{"prefix":"/"}]';

  it("promotes through the HTTPProxy's weights 20, 40, 60 and back to the primary, on the new release", async () => {
    const scenario = SCENARIOS.promote;
    const { progress, routes } = await finished(scenario, 'Succeeded');

    expect(progress.weights()).toEqual([20, 40, 60]);
    const phases = progress.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(progress.states.filter(s => (s.failedChecks ?? 0) > 0)).toEqual([]);
    expect(routes.samples.map(s => s.value)).toEqual(
      [
        [100, 0],
        [80, 20],
        [60, 40],
        [40, 60],
        [100, 0],
      ].map(([p, c]) => [
        `${PREFIX} -> podinfo-primary=${p}, podinfo-canary=${c}`,
      ]),
    );
    const proxy = await proxyOf(scenario);
    expect(proxy.spec.routes[0]).toMatchObject({
      timeoutPolicy: { response: '15s', idle: '5m' },
      retryPolicy: { count: 3, perTryTimeout: '5s', retryOn: ['5xx'] },
    });
    expect(
      (await cluster.deployment(scenario.namespace, 'podinfo-primary')).spec
        .template.spec.containers[0].image,
    ).toBe(NEXT);
    expect(await upstreamRequests(scenario, 'podinfo-canary')).toBeGreaterThan(
      0,
    );
  });

  it("rolls a faulty release back on the built-in success rate of Envoy's canary cluster, saying why", async () => {
    const scenario = SCENARIOS.rollback;
    const { status, progress, routes } = await finished(scenario, 'Failed');

    expect(status.reason).toMatch(
      /^request-success-rate \d+(\.\d+)?% < 99%.*\(3 of 3 failed checks\)$/,
    );
    expect(progress.phases()).not.toContain('Promoting');
    expect(status.canaryWeight).toBe(0);
    expect(routes.samples.at(-1)?.value).toEqual([
      `${PREFIX} -> podinfo-primary=100, podinfo-canary=0`,
    ]);
    expect(
      (await cluster.deployment(scenario.namespace, 'podinfo-primary')).spec
        .template.spec.containers[0].image,
    ).toBe(GOOD);
  });

  it('sends the header users to the canary by a header route for the iterations, everyone else to the primary', async () => {
    const scenario = SCENARIOS.ab;
    const { progress, routes } = await finished(scenario, 'Succeeded');

    expect(progress.iterations()).toEqual([1, 2, 3]);
    expect(progress.states.filter(s => (s.failedChecks ?? 0) > 0)).toEqual([]);
    // As the API server returns it: keys in order.
    const header =
      '[{"header":{"exact":"insider","name":"x-canary"},"prefix":"/"}]';
    const everyoneElse = `${PREFIX} -> podinfo-primary=100, podinfo-canary=0`;
    expect(routes.samples.map(s => s.value)).toEqual([
      [`${header} -> podinfo-primary=100, podinfo-canary=0`, everyoneElse],
      [`${header} -> podinfo-primary=0, podinfo-canary=100`, everyoneElse],
      [`${header} -> podinfo-primary=100, podinfo-canary=0`, everyoneElse],
    ]);
    const loads = lab.loads();
    const everyone = loads.find(
      l => l.gateway === ENVOY && l.host === hostOf(scenario),
    );
    const insiders = loads.find(
      l =>
        !l.id.startsWith('background:') && l.namespace === scenario.namespace,
    );
    expect(Object.keys(everyone!.served)).toEqual(['podinfo-primary']);
    expect(insiders!.served.podinfo).toBeGreaterThan(0);
  });

  it("mirrors half the users' requests to the canary first, then shifts 50% to it", async () => {
    const scenario = SCENARIOS.mirror;
    const { progress, routes } = await finished(scenario, 'Succeeded');

    expect(progress.first(s => s.mirrored === true)).toBeDefined();
    expect(routes.samples.map(s => s.value)).toEqual([
      [`${PREFIX} -> podinfo-primary=100, podinfo-canary=0`],
      [
        `${PREFIX} -> podinfo-primary=100, podinfo-canary=0, podinfo-canary mirror=50`,
      ],
      [`${PREFIX} -> podinfo-primary=50, podinfo-canary=50`],
      [`${PREFIX} -> podinfo-primary=100, podinfo-canary=0`],
    ]);
    // The users were answered by the primary while the canary saw copies.
    expect(await upstreamRequests(scenario, 'podinfo-canary')).toBeGreaterThan(
      0,
    );
  });

  it("reads the promoted workload's health from the application's histogram, healthy under Envoy's load", async () => {
    const namespace = SCENARIOS.promote.namespace;
    let body: any;
    await waitFor(
      'the health of podinfo-primary under load',
      async () => {
        const res = await request(backend!.server).get(
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
      { timeoutMs: 90_000, observe: () => JSON.stringify(body) },
    );
    expect(body.errors).toEqual([]);
    expect(body.items.find((i: any) => i.role === 'primary')).toMatchObject({
      cluster: 'lab',
      namespace,
      workload: 'podinfo-primary',
      canary: `${namespace}/podinfo`,
      status: 'healthy',
      successRate: 100,
      errorRate5xx: 0,
    });
  });
});
