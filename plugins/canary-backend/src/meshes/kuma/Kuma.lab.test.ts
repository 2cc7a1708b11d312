import { waitFor } from '@vane/mesh-lab';
import {
  MESH_LAB_IMAGES,
  MeshLabRollouts,
  MeshLabScenario,
  runMeshLabRollouts,
} from '../__testUtils__/runMeshLabRollouts';

// Kuma end to end against the mesh lab (real apiserver, controllers and Prometheus): the canary
// plugin writes a cluster-scoped TrafficRoute per Canary, the lab's data plane routes the users'
// requests to the apex Service by its split (or A/B's http section) across the kuma.io/service
// tags of primary and canary, and records them as the serving pods' Kuma sidecars report them
// (envoy_cluster_upstream_rq with Kuma's `service` label), which Flagger's kuma queries read
// unchanged. Three rollouts side by side (runMeshLabRollouts).
jest.setTimeout(5 * 60_000);

const KUMA = 'kuma.io/v1alpha1';
const CANARY = (namespace: string) => `podinfo-canary_${namespace}_svc_9898`;
const PRIMARY = (namespace: string) => `podinfo-primary_${namespace}_svc_9898`;
const trafficRoute = (cluster: MeshLabRollouts['cluster'], namespace: string) =>
  cluster.get(KUMA, 'TrafficRoute', '', `podinfo.${namespace}`);
/** The weights of the split that carries them: A/B's http section, else the default split. */
const weights = (route: any): Record<string, number> => {
  const conf = route?.spec?.conf ?? {};
  const splits = [...(conf.http ?? []).map((h: any) => h.split), conf.split];
  const split = splits.find((s: any) => Array.isArray(s) && s.length > 1) ?? [];
  return Object.fromEntries(
    split.map((s: any) => [s.destination['kuma.io/service'], s.weight]),
  );
};

describe('Kuma (provider kuma) against the mesh lab', () => {
  let suite: MeshLabRollouts;

  beforeAll(async () => {
    suite = await runMeshLabRollouts({
      provider: 'kuma',
      prefix: 'kuma',
      routingObject: trafficRoute,
      canaryWeightOf: route => {
        const namespace = route?.metadata?.name?.split('.')[1];
        return namespace ? weights(route)[CANARY(namespace)] : undefined;
      },
    });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const rollout = (scenario: MeshLabScenario) => {
    const result = suite.rollouts[scenario];
    if (result instanceof Error) throw result;
    return result;
  };
  const phases = (scenario: MeshLabScenario) =>
    rollout(scenario)
      .states.map(s => s.phase)
      .filter((p, i, all) => p !== all[i - 1]);

  it("writes Flagger's TrafficRoute, cluster-scoped and owned by annotations, and the lab's sidecars route the Service by it", async () => {
    const namespace = 'kuma-promote';
    const route = suite.initialRouting.promote;
    expect(route).toMatchObject({
      mesh: 'default',
      metadata: {
        name: `podinfo.${namespace}`,
        annotations: { 'delivery.vane.dev/canary': `${namespace}/podinfo` },
      },
      spec: {
        sources: [{ match: { 'kuma.io/service': '*' } }],
        destinations: [
          { match: { 'kuma.io/service': `podinfo_${namespace}_svc_9898` } },
        ],
      },
    });
    expect(route.metadata.namespace).toBeUndefined();
    expect(weights(route)).toEqual({
      [PRIMARY(namespace)]: 100,
      [CANARY(namespace)]: 0,
    });
    expect(
      suite.lab.dataPlane.routeFor(`podinfo.${namespace}`)?.source,
    ).toEqual({
      kind: 'TrafficRoute',
      namespace: '',
      name: `podinfo.${namespace}`,
    });
  });

  it("promotes a good release through its weight steps in order, as the TrafficRoute carried them, measured on the canary's Kuma service", async () => {
    const { states, routedWeights, final, namespace } = rollout('promote');
    expect(
      states
        .map(s => s.canaryWeight ?? 0)
        .filter((w, i, all) => w > 0 && w !== all[i - 1]),
    ).toEqual([25, 50]);
    expect(routedWeights).toEqual([25, 50]);
    expect(phases('promote')).toEqual([
      'Initialized',
      'Progressing',
      'Promoting',
      'Finalising',
      'Succeeded',
    ]);
    expect(final.status.canaryWeight).toBe(0);
    expect(weights(await trafficRoute(suite.cluster, namespace))).toEqual({
      [PRIMARY(namespace)]: 100,
      [CANARY(namespace)]: 0,
    });
    const primary = await suite.cluster.deployment(
      namespace,
      'podinfo-primary',
    );
    expect(primary.spec.template.spec.containers[0].image).toBe(
      MESH_LAB_IMAGES.next,
    );
    // The canary's requests, as its data plane proxies reported them under its Kuma service.
    const served = await suite.lab.query(
      `sum(envoy_cluster_upstream_rq{service="${CANARY(
        namespace,
      )}",mesh="default"})`,
    );
    expect(served[0]?.value).toBeGreaterThan(0);
    const [successRate] = suite.analysisDuringPromotion.metrics;
    expect(successRate.name).toBe('request-success-rate');
    expect(successRate.canary.length).toBeGreaterThan(0);
  });

  it("rolls a faulty release back on the built-in success rate of its Kuma service's Envoy stats, with the metric in the reason", async () => {
    const { states, final, namespace } = rollout('faulty');
    expect(phases('faulty')).toEqual(['Initialized', 'Progressing', 'Failed']);
    expect(
      states.filter(s => s.phase === 'Progressing').map(s => s.canaryWeight),
    ).not.toContain(50);
    expect(final.status).toMatchObject({
      phase: 'Failed',
      canaryWeight: 0,
      failedChecks: 2,
    });
    expect(final.status.reason).toMatch(
      /^request-success-rate [0-9.]+% < 99% \(2 of 2 failed checks\)$/,
    );
    expect(weights(await trafficRoute(suite.cluster, namespace))).toEqual({
      [PRIMARY(namespace)]: 100,
      [CANARY(namespace)]: 0,
    });
    const primary = await suite.cluster.deployment(
      namespace,
      'podinfo-primary',
    );
    expect(primary.spec.template.spec.containers[0].image).toBe(
      MESH_LAB_IMAGES.good,
    );
  });

  it("A/B tests by header: the matching users alone reach the canary, by the TrafficRoute's http section", async () => {
    const { routedWeights, final, namespace } = rollout('ab');
    expect(suite.initialRouting.ab.spec.conf).toEqual({
      http: [
        {
          match: { headers: { 'x-canary': { exact: 'insider' } } },
          split: [
            {
              weight: 100,
              destination: { 'kuma.io/service': PRIMARY(namespace) },
            },
            {
              weight: 0,
              destination: { 'kuma.io/service': CANARY(namespace) },
            },
          ],
        },
      ],
      split: [
        { weight: 100, destination: { 'kuma.io/service': PRIMARY(namespace) } },
      ],
    });
    expect(routedWeights).toEqual([100]);
    expect(suite.abProbe?.insider.served).toEqual({ podinfo: 20 });
    expect(suite.abProbe?.outsider.served).toEqual({ 'podinfo-primary': 20 });
    expect(final.status).toMatchObject({ phase: 'Succeeded', iterations: 0 });
  });

  it("reads the released workload's health through the backend's mesh health", async () => {
    const primaryOf = (b: any) =>
      b?.items?.find((i: any) => i.workload === 'podinfo-primary');
    let body: any;
    await waitFor(
      'podinfo-primary to report its requests in its health',
      async () => {
        const res = await suite.api(
          '/entities/component/default/podinfo/health?window=1m',
        );
        body = res.body;
        return res.status === 200 && primaryOf(body)?.requestsPerSecond > 0;
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
    );
    expect(primaryOf(body)).toMatchObject({
      cluster: 'lab',
      namespace: 'kuma-promote',
      role: 'primary',
      canary: 'kuma-promote/podinfo',
      status: 'healthy',
      successRate: 100,
      errorRate5xx: 0,
    });
    expect(primaryOf(body).latency.p99).toBeGreaterThan(0);
    expect(body.errors).toEqual([]);
  });
});
