import { waitFor } from '@vane/mesh-lab';
import {
  MESH_LAB_IMAGES,
  MeshLabRollouts,
  MeshLabScenario,
  runMeshLabRollouts,
} from '../__testUtils__/runMeshLabRollouts';

// App Mesh end to end against the mesh lab (real apiserver, controllers and Prometheus): the
// canary plugin writes App Mesh's VirtualNodes, VirtualRouters and VirtualServices, the lab's
// data plane routes the users' requests to the VirtualService podinfo.<namespace> by its router's
// weighted targets to the Services its VirtualNodes discover, and records them as the serving
// pods' Envoy sidecars report them (envoy_cluster_upstream_rq by kubernetes_pod_name), which
// Flagger's appmesh queries read unchanged. Three rollouts side by side (runMeshLabRollouts).
jest.setTimeout(5 * 60_000);

const APPMESH = 'appmesh.k8s.aws/v1beta2';
const targets = (router: any, route = 0) =>
  Object.fromEntries(
    (
      router?.spec?.routes?.[route]?.httpRoute?.action?.weightedTargets ?? []
    ).map((t: any) => [t.virtualNodeRef.name, t.weight]),
  );

describe('App Mesh (provider appmesh) against the mesh lab', () => {
  let suite: MeshLabRollouts;

  beforeAll(async () => {
    suite = await runMeshLabRollouts({
      provider: 'appmesh',
      prefix: 'appmesh',
      routingObject: (cluster, namespace) =>
        cluster.get(APPMESH, 'VirtualRouter', namespace, 'podinfo'),
      canaryWeightOf: router => targets(router)['podinfo-canary'],
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

  it("writes Flagger's App Mesh objects, and the lab's sidecars route the VirtualService by them", async () => {
    const namespace = 'appmesh-promote';
    expect(targets(suite.initialRouting.promote)).toEqual({
      'podinfo-canary': 0,
      'podinfo-primary': 100,
    });
    const service = await suite.cluster.get(
      APPMESH,
      'VirtualService',
      namespace,
      'podinfo',
    );
    expect(service.spec.provider).toEqual({
      virtualRouter: { virtualRouterRef: { name: 'podinfo' } },
    });
    const node = await suite.cluster.get(
      APPMESH,
      'VirtualNode',
      namespace,
      'podinfo-canary',
    );
    expect(node.spec).toMatchObject({
      serviceDiscovery: {
        dns: { hostname: `podinfo-canary.${namespace}.svc.cluster.local.` },
      },
      podSelector: { matchLabels: { app: 'podinfo' } },
    });
    expect(
      suite.lab.dataPlane.routeFor(`podinfo.${namespace}`)?.source,
    ).toEqual({ kind: 'VirtualRouter', namespace, name: 'podinfo' });
  });

  it('promotes a good release through its weight steps in order, as the VirtualRouter carried them, and charts canary and primary', async () => {
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
    expect(
      targets(
        await suite.cluster.get(APPMESH, 'VirtualRouter', namespace, 'podinfo'),
      ),
    ).toEqual({ 'podinfo-canary': 0, 'podinfo-primary': 100 });
    const primary = await suite.cluster.deployment(
      namespace,
      'podinfo-primary',
    );
    expect(primary.spec.template.spec.containers[0].image).toBe(
      MESH_LAB_IMAGES.next,
    );
    // Flagger's appmesh queries name the workload, so the charts ask them of the primary too.
    const [successRate] = suite.analysisDuringPromotion.metrics;
    expect(successRate.name).toBe('request-success-rate');
    expect(successRate.canary.length).toBeGreaterThan(0);
    expect(successRate.primary.length).toBeGreaterThan(0);
  });

  it("rolls a faulty release back on the built-in success rate of its pods' Envoy stats, with the metric in the reason", async () => {
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
    expect(
      targets(
        await suite.cluster.get(APPMESH, 'VirtualRouter', namespace, 'podinfo'),
      ),
    ).toEqual({ 'podinfo-canary': 0, 'podinfo-primary': 100 });
    const primary = await suite.cluster.deployment(
      namespace,
      'podinfo-primary',
    );
    expect(primary.spec.template.spec.containers[0].image).toBe(
      MESH_LAB_IMAGES.good,
    );
  });

  it('A/B tests by header: the matching users alone reach the canary, by a header route ahead of the primary', async () => {
    const { routedWeights, final, namespace } = rollout('ab');
    const initial = suite.initialRouting.ab;
    expect(
      initial.spec.routes.map((r: any) => [
        r.name,
        r.priority,
        r.httpRoute.match,
      ]),
    ).toEqual([
      [
        'podinfo-a',
        10,
        {
          prefix: '/',
          headers: [{ name: 'x-canary', match: { exact: 'insider' } }],
        },
      ],
      ['podinfo-b', 20, { prefix: '/' }],
    ]);
    expect(routedWeights).toEqual([100]);
    expect(suite.abProbe?.insider.served).toEqual({ podinfo: 20 });
    expect(suite.abProbe?.outsider.served).toEqual({ 'podinfo-primary': 20 });
    expect(final.status).toMatchObject({ phase: 'Succeeded', iterations: 0 });
    expect(
      targets(
        await suite.cluster.get(APPMESH, 'VirtualRouter', namespace, 'podinfo'),
      ),
    ).toEqual({ 'podinfo-canary': 0, 'podinfo-primary': 100 });
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
      namespace: 'appmesh-promote',
      role: 'primary',
      canary: 'appmesh-promote/podinfo',
      status: 'healthy',
      successRate: 100,
      errorRate5xx: 0,
    });
    expect(primaryOf(body).latency.p99).toBeGreaterThan(0);
    expect(body.errors).toEqual([]);
  });
});
