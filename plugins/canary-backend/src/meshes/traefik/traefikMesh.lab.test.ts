import { LAB_GATEWAYS, waitFor } from '@vane/mesh-lab';
import { recordCanaryProgress } from '../../testing/recordCanaryProgress';
import { recordSamples } from '../../testing/recordSamples';
import {
  MeshLabRollouts,
  PODINFO_IMAGES,
} from '../__testUtils__/MeshLabRollouts';

// Provider traefik end to end: the canary plugin writes Flagger's TraefikService, the team's
// IngressRoute routes <namespace>.example.com to it, and the lab's Traefik (traefik/traefik)
// routes every request by them as read from the API server, reporting Traefik's service metrics,
// which the built-in queries read unchanged. Three rollouts run at once, each in its own
// namespace: a promotion by weight, a faulty release rolled back, and a blue/green release whose
// analysis judges mirrored copies of the users' requests; a fourth Canary asks for A/B testing,
// which a TraefikService cannot do, and is refused by name.
jest.setTimeout(5 * 60_000);

const NS = {
  canary: 'traefik-canary',
  faulty: 'traefik-faulty',
  mirror: 'traefik-mirror',
  ab: 'traefik-ab',
};
const host = (namespace: string) => `${namespace}.example.com`;
const USERS_RPS = 20;
const ITERATIONS = 3;
const MIRROR_WEIGHT = 50;

function traefikCanary(namespace: string, analysis: Record<string, unknown>) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      provider: 'traefik',
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

/** The team's IngressRoute: its host goes to the Canary's TraefikService. */
function ingressRoute(namespace: string) {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'podinfo', namespace },
    spec: {
      entryPoints: ['web'],
      routes: [
        {
          match: `Host(\`${host(namespace)}\`)`,
          kind: 'Rule',
          services: [{ name: 'podinfo', namespace, kind: 'TraefikService' }],
        },
      ],
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
    namespace: NS.mirror,
    analysis: {
      iterations: ITERATIONS,
      mirror: true,
      mirrorWeight: MIRROR_WEIGHT,
    },
  },
];

/** A TraefikService in words: `weighted 75/25` or `mirroring 50%`. */
function shapeOf(traefikService: any): string | undefined {
  const spec = traefikService?.spec;
  if (spec?.mirroring) {
    return `mirroring ${spec.mirroring.mirrors
      .map((m: any) => `${m.name} ${m.percent}%`)
      .join(', ')}`;
  }
  const weights = spec?.weighted?.services?.map((s: any) => s.weight);
  return weights && `weighted ${weights.join('/')}`;
}

describe('provider traefik against the mesh lab', () => {
  let rollouts: MeshLabRollouts;
  const progress = new Map<string, ReturnType<typeof recordCanaryProgress>>();
  const shapes = new Map<
    string,
    ReturnType<typeof recordSamples<string | undefined>>
  >();
  let mirrorRouting: Promise<{
    shape: string | undefined;
    served: Record<string, number>;
  }>;

  const traefikService = (namespace: string) =>
    rollouts.cluster.get(
      'traefik.io/v1alpha1',
      'TraefikService',
      namespace,
      'podinfo',
    );

  beforeAll(async () => {
    rollouts = await MeshLabRollouts.start(Object.values(NS));
    await Promise.all(
      SCENARIOS.map(async ({ namespace, analysis }) => {
        await rollouts.deployPodinfo(namespace);
        await rollouts.cluster.apply(ingressRoute(namespace));
        await rollouts.cluster.apply(traefikCanary(namespace, analysis));
        rollouts.lab.setLoad({
          gateway: LAB_GATEWAYS.traefik,
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
    for (const { namespace } of SCENARIOS) {
      progress.set(
        namespace,
        recordCanaryProgress(rollouts.cluster, namespace, 'podinfo'),
      );
      shapes.set(
        namespace,
        recordSamples(
          async () => shapeOf(await traefikService(namespace)),
          200,
        ),
      );
    }
    mirrorRouting = rollouts
      .waitForStatus(
        NS.mirror,
        'to be analysing its first iteration',
        status => status.phase === 'Progressing' && status.iterations >= 1,
      )
      .then(async () => ({
        shape: shapeOf(await traefikService(NS.mirror)),
        served: rollouts.lab.dataPlane.send({
          gateway: LAB_GATEWAYS.traefik,
          namespace: NS.mirror,
          method: 'GET',
          path: '/',
          headers: { host: host(NS.mirror) },
          count: 40,
        }).served,
      }));
    mirrorRouting.catch(() => undefined);
    await rollouts.release(NS.canary, PODINFO_IMAGES.next);
    await rollouts.release(NS.faulty, PODINFO_IMAGES.faulty);
    await rollouts.release(NS.mirror, PODINFO_IMAGES.next);
  });

  afterAll(async () => {
    await Promise.all([...progress.values()].map(p => p.stop()));
    await Promise.all([...shapes.values()].map(s => s.stop()));
    await rollouts?.stop();
  });

  it("promotes a release through the TraefikService's weights in order, then hands the traffic back to the primary", async () => {
    await rollouts.waitForStatus(
      NS.canary,
      'to reach Succeeded',
      status => status.phase === 'Succeeded',
    );
    const rollout = progress.get(NS.canary)!;
    await rollout.stop();
    await shapes.get(NS.canary)!.stop();
    expect(rollout.weights()).toEqual([25, 50]);
    const phases = rollout.phases();
    expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(shapes.get(NS.canary)!.samples.map(s => s.value)).toEqual([
      'weighted 100/0',
      'weighted 75/25',
      'weighted 50/50',
      'weighted 100/0',
    ]);
    expect(await rollouts.primaryImage(NS.canary)).toBe(PODINFO_IMAGES.next);
    // Traefik reported both Services under its kubernetescrd names.
    const services = await rollouts.lab.query(
      `sum by (service) (traefik_service_requests_total{service=~"${NS.canary}-.*"})`,
    );
    expect(services.map(s => s.metric.service).sort()).toEqual([
      `${NS.canary}-podinfo-canary-9898@kubernetescrd`,
      `${NS.canary}-podinfo-primary-9898@kubernetescrd`,
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
    expect(shapeOf(await traefikService(NS.faulty))).toBe('weighted 100/0');

    const analysis = await rollouts.analysisWithSamples(NS.faulty);
    const successRate = analysis.metrics.find(
      (m: any) => m.name === 'request-success-rate',
    );
    expect(successRate.error).toBeUndefined();
    expect(successRate.canary.some(([, v]: number[]) => v < 99)).toBe(true);
    expect(successRate.failed.length).toBeGreaterThan(0);
  });

  it('mirrors the users to the canary during the analysis (they are served by the primary), then switches and promotes', async () => {
    expect(await mirrorRouting).toEqual({
      shape: `mirroring podinfo-canary ${MIRROR_WEIGHT}%`,
      served: { 'podinfo-primary': 40 },
    });
    await rollouts.waitForStatus(
      NS.mirror,
      'to reach Succeeded',
      status => status.phase === 'Succeeded',
    );
    const rollout = progress.get(NS.mirror)!;
    await rollout.stop();
    await shapes.get(NS.mirror)!.stop();
    expect(rollout.states.filter(s => (s.failedChecks ?? 0) > 0)).toEqual([]);
    expect(shapes.get(NS.mirror)!.samples.map(s => s.value)).toEqual([
      'weighted 100/0',
      `mirroring podinfo-canary ${MIRROR_WEIGHT}%`,
      'weighted 0/100',
      'weighted 100/0',
    ]);
    expect(await rollouts.primaryImage(NS.mirror)).toBe(PODINFO_IMAGES.next);
  });

  it('refuses A/B testing by name, since a TraefikService has no request matching, and creates nothing', async () => {
    await rollouts.deployPodinfo(NS.ab);
    await rollouts.cluster.apply(
      traefikCanary(NS.ab, {
        iterations: ITERATIONS,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      }),
    );
    let status: any;
    await waitFor(
      `Canary ${NS.ab}/podinfo to get a Valid=False condition`,
      async () => {
        status = (await rollouts.cluster.canary(NS.ab, 'podinfo'))?.status;
        return status?.conditions?.some(
          (c: any) => c.type === 'Valid' && c.status === 'False',
        );
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(status) },
    );
    expect(status.conditions.find((c: any) => c.type === 'Valid').message).toBe(
      `Canary ${NS.ab}/podinfo: analysis.match is not supported by provider traefik: a TraefikService has no request matching: the matching is the rule of the IngressRoute that routes to it, which sends all its requests there; use provider gatewayapi with Traefik's Gateway API provider for A/B testing`,
    );
    expect(await traefikService(NS.ab)).toBeUndefined();
    expect(
      await rollouts.cluster.get(
        'apps/v1',
        'Deployment',
        NS.ab,
        'podinfo-primary',
      ),
    ).toBeUndefined();
  });
});
