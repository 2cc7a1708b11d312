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

// Provider nginx end to end: the canary plugin in a test backend drives Canaries against the
// mesh lab, whose traffic enters at its ingress-nginx controller and follows the Ingresses of
// Flagger's nginx walkthrough and the canary Ingress the router writes beside each; the built-in
// queries read the controller's nginx_ingress_controller_* series from the lab's Prometheus. A
// promotion, a faulty release and an A/B test roll out at once, each in its own namespace and
// host, then the promoted workload's health is read through the portal's API.
jest.setTimeout(5 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
/** The faulty release: half its answers are 500s (all of them would leave no non-5xx series to divide). */
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';
const CONTROLLER = LAB_GATEWAYS.ingressNginx;
const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/';

interface Scenario {
  namespace: string;
  release: string;
  analysis: Record<string, unknown>;
}

const SCENARIOS = {
  promote: {
    namespace: 'nginx-promote',
    release: NEXT,
    analysis: { stepWeight: 20, maxWeight: 60 },
  },
  rollback: {
    namespace: 'nginx-rollback',
    release: FAULTY,
    analysis: { stepWeight: 20, maxWeight: 60 },
  },
  // Flagger's nginx A/B walkthrough: the header users go to the canary for the iterations.
  ab: {
    namespace: 'nginx-ab',
    release: NEXT,
    analysis: {
      iterations: 3,
      match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
    },
  },
} satisfies Record<string, Scenario>;

const hostOf = (scenario: Scenario) => `${scenario.namespace}.example.com`;

/** Flagger's nginx walkthrough Ingress, for this scenario's host. */
function walkthroughIngress(scenario: Scenario) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'podinfo',
      namespace: scenario.namespace,
      labels: { app: 'podinfo' },
      annotations: { 'kubernetes.io/ingress.class': 'nginx' },
    },
    spec: {
      rules: [
        {
          host: hostOf(scenario),
          http: {
            paths: [
              {
                pathType: 'Prefix',
                path: '/',
                backend: {
                  service: { name: 'podinfo', port: { number: 9898 } },
                },
              },
            ],
          },
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
      provider: 'nginx',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      ingressRef: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        name: 'podinfo',
      },
      progressDeadlineSeconds: 60,
      service: { port: 9898, targetPort: 9898 },
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

describe('provider nginx against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  const rollouts = new Map<
    Scenario,
    {
      progress: ReturnType<typeof recordCanaryProgress>;
      /** The canary Ingress's canary annotations, as the router writes them. */
      annotations: ReturnType<typeof recordSamples<Record<string, string>>>;
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

  const canaryAnnotations = async (scenario: Scenario) => {
    const ingress = await cluster.get(
      'networking.k8s.io/v1',
      'Ingress',
      scenario.namespace,
      'podinfo-canary',
    );
    return Object.fromEntries(
      Object.entries<string>(ingress?.metadata?.annotations ?? {})
        .filter(([key]) => key.startsWith(`${CANARY_ANNOTATION}canary`))
        .map(([key, value]) => [key.slice(CANARY_ANNOTATION.length), value]),
    );
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
    await cluster.apply(walkthroughIngress(scenario));
    await cluster.apply(walkthroughCanary(scenario));
    await waitForStatus(
      scenario,
      'to reach Initialized',
      status => status.phase === 'Initialized',
    );
    // Everyone through the controller; A/B's insiders as its walkthrough's hey sends them.
    lab.setLoad({ gateway: CONTROLLER, host: hostOf(scenario), rps: 20 });
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
            )} http://ingress-nginx-controller.ingress-nginx/`,
          },
        }),
      });
      expect(response.status).toBe(202);
    }
  }

  async function release(scenario: Scenario) {
    rollouts.set(scenario, {
      progress: recordCanaryProgress(cluster, scenario.namespace, 'podinfo'),
      annotations: recordSamples(() => canaryAnnotations(scenario), 200),
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
      [...rollouts.values()].flatMap(r => [
        r.progress.stop(),
        r.annotations.stop(),
      ]),
    );
    await backend?.stop();
    await lab?.stop();
  });

  /** The distinct canary-weight annotations the canary Ingress carried, in order. */
  const weightsWritten = (scenario: Scenario) =>
    rollouts
      .get(scenario)!
      .annotations.samples.map(s => s.value['canary-weight'])
      .filter((w, i, all) => w !== all[i - 1]);

  it('promotes through canary-weight 20, 40, 60 of the canary Ingress and back to 0, the primary on the new release', async () => {
    const scenario = SCENARIOS.promote;
    await waitForStatus(
      scenario,
      'to reach Succeeded',
      s => s.phase === 'Succeeded',
    );
    const { progress, annotations } = rollouts.get(scenario)!;
    await progress.stop();
    await annotations.stop();

    expect(progress.weights()).toEqual([20, 40, 60]);
    const phases = progress.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(progress.states.filter(s => (s.failedChecks ?? 0) > 0)).toEqual([]);
    expect(weightsWritten(scenario)).toEqual(['0', '20', '40', '60', '0']);
    expect(await canaryAnnotations(scenario)).toEqual({
      canary: 'true',
      'canary-weight': '0',
    });
    expect(
      (await cluster.deployment(scenario.namespace, 'podinfo-primary')).spec
        .template.spec.containers[0].image,
    ).toBe(NEXT);
    // The Ingress of the walkthrough is left as it was: its traffic goes to the apex Service.
    const ingress = await cluster.get(
      'networking.k8s.io/v1',
      'Ingress',
      scenario.namespace,
      'podinfo',
    );
    expect(ingress.metadata.annotations).toEqual({
      'kubernetes.io/ingress.class': 'nginx',
    });
    // The controller reported the canary's share under the Ingress's name.
    const [canaryRequests] = await lab.query(
      `sum(nginx_ingress_controller_requests{namespace="${scenario.namespace}",ingress="podinfo",canary="${scenario.namespace}-podinfo-canary-9898"})`,
    );
    expect(canaryRequests.value).toBeGreaterThan(0);
  });

  it("rolls a faulty release back on the built-in success rate of the controller's canary requests, saying why", async () => {
    const scenario = SCENARIOS.rollback;
    const failed = await waitForStatus(
      scenario,
      'to reach Failed',
      s => s.phase === 'Failed',
    );
    const { progress, annotations } = rollouts.get(scenario)!;
    await progress.stop();
    await annotations.stop();

    expect(failed.reason).toMatch(
      /^request-success-rate \d+(\.\d+)?% < 99%.*\(3 of 3 failed checks\)$/,
    );
    expect(progress.phases()).not.toContain('Promoting');
    expect(failed.canaryWeight).toBe(0);
    expect(await canaryAnnotations(scenario)).toEqual({
      canary: 'true',
      'canary-weight': '0',
    });
    expect(weightsWritten(scenario).at(-1)).toBe('0');
    expect(
      (await cluster.deployment(scenario.namespace, 'podinfo-primary')).spec
        .template.spec.containers[0].image,
    ).toBe(GOOD);
  });

  it("sends the header's users to the canary by canary-by-header for the iterations, everyone else to the primary, and resets it at promotion", async () => {
    const scenario = SCENARIOS.ab;
    await waitForStatus(
      scenario,
      'to reach Succeeded',
      s => s.phase === 'Succeeded',
    );
    const { progress, annotations } = rollouts.get(scenario)!;
    await progress.stop();
    await annotations.stop();

    expect(progress.iterations()).toEqual([1, 2, 3]);
    expect(progress.states.filter(s => (s.failedChecks ?? 0) > 0)).toEqual([]);
    expect(annotations.samples.map(s => s.value)).toEqual([
      { canary: 'true', 'canary-weight': '0' },
      {
        canary: 'true',
        'canary-weight': '0',
        'canary-by-header': 'x-canary',
        'canary-by-header-value': 'insider',
      },
      { canary: 'true', 'canary-weight': '0' },
    ]);
    // Who answered each stream: the insiders (hey -H) reached the new release, the others never.
    const loads = lab.loads();
    const everyone = loads.find(
      l => l.gateway === CONTROLLER && l.host === hostOf(scenario),
    );
    const insiders = loads.find(
      l =>
        !l.id.startsWith('background:') && l.namespace === scenario.namespace,
    );
    expect(Object.keys(everyone!.served)).toEqual(['podinfo-primary']);
    expect(insiders!.served.podinfo).toBeGreaterThan(0);
  });

  it("reads the promoted workload's health from the application's histogram, healthy under the controller's load", async () => {
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
