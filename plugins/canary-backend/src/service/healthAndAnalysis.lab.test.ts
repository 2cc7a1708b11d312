import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../plugin';
import { deployLabPodinfo } from './__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from './__testUtils__/istioPodinfoCanary';
import { LabCluster } from '../testing/LabCluster';
import { componentEntity } from './__testUtils__/rolloutObjects';
import { openEventStream } from './__testUtils__/openEventStream';

// Mesh health, analysis charts and the team stream end to end: the real canary plugin in a test
// backend, against the mesh lab's API server and its Prometheus (scraping every second), with
// the lab's load generator sending requests through the simulated mesh. Prometheus is a Service
// of the cluster (monitoring/prometheus) that the backend reaches only through the API server's
// service proxy, as a Backstage outside the cluster does: every chart, health figure and check
// below is asked that way.
jest.setTimeout(5 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';
const NS = 'health';
const TEAM = 'group:default/team-a';
/** The lab's Istio ingress gateway, where podinfo is also served, for app.example.com. */
const INGRESS = 'istio-system/istio-ingressgateway';
const HOST = 'app.example.com';
/** Requests per second sent to podinfo through the ingress gateway, and from inside the mesh. */
const GATEWAY_RPS = 10;
const MESH_RPS = 20;

describe('mesh health, analysis and the team stream against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const api = (path: string) =>
    request(backend.server).get(`/api/canary${path}`);

  beforeAll(async () => {
    lab = await startLab({
      readyDelayMs: 300,
      // The demo's bad release: 10% of answers are 500s.
      imageBehaviours: { [FAULTY]: { errorRate: 0.1 } },
    });
    cluster = new LabCluster(lab);
    await lab.serveInCluster({
      namespace: 'monitoring',
      name: 'prometheus',
      port: 9090,
      localPort: Number(new URL(lab.prometheusUrl).port),
    });
    // Each Deployment and Service is selected by the entity of the same name.
    for (const [name, image] of [
      ['podinfo', GOOD],
      ['idle', GOOD],
      ['flaky', FAULTY],
    ]) {
      await deployLabPodinfo(cluster, { namespace: NS, name, image });
    }
    // As in the Flagger walkthrough: a Gateway on the lab's ingress gateway for app.example.com,
    // which podinfo's VirtualService is bound to beside the mesh.
    await cluster.apply({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'Gateway',
      metadata: { name: 'public-gateway', namespace: NS },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 80, name: 'http', protocol: 'HTTP' },
            hosts: [HOST],
          },
        ],
      },
    });
    await cluster.apply(
      istioPodinfoCanary(
        NS,
        {
          // Slow enough steps that the rollout is still running when the charts are read.
          interval: '10s',
          threshold: 5,
          maxWeight: 50,
          stepWeight: 10,
          metrics: [
            {
              name: 'request-success-rate',
              thresholdRange: { min: 99 },
              interval: '15s',
            },
          ],
        },
        { gateways: ['public-gateway', 'mesh'], hosts: [HOST] },
      ),
    );
    backend = await startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            canary: {
              clusters: [
                {
                  ...lab.clusterConfig('lab'),
                  prometheus: {
                    serviceProxy: {
                      namespace: 'monitoring',
                      service: 'prometheus',
                      port: 9090,
                    },
                  },
                },
              ],
              engine: { leaseDurationSeconds: 6 },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: ['podinfo', 'idle', 'flaky'].map(name =>
            componentEntity(name, TEAM, { 'backstage.io/kubernetes-id': name }),
          ),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    // Load once the engine has taken podinfo over, so all of it reaches podinfo-primary and the
    // canary workload (scaled to zero) has served nothing in the window.
    await waitForPhase('Initialized');
    lab.setLoad({ service: 'podinfo', namespace: NS, rps: MESH_RPS });
    lab.setLoad({ gateway: INGRESS, host: HOST, rps: GATEWAY_RPS });
    lab.setLoad({ service: 'flaky', namespace: NS, rps: 20 });
  });

  async function waitForPhase(phase: string) {
    let status: any;
    await waitFor(
      `Canary ${NS}/podinfo to be ${phase}`,
      async () => {
        status = (await cluster.canary(NS, 'podinfo'))?.status;
        return status?.phase === phase;
      },
      { timeoutMs: 180_000, observe: () => JSON.stringify(status) },
    );
  }

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
  });

  /** Polls an entity's health (with an optional query) until `check` holds; returns the last answer. */
  async function healthUntil(
    entity: string,
    description: string,
    check: (body: any) => boolean,
    query = '',
  ) {
    let body: any;
    await waitFor(
      description,
      async () => {
        const res = await api(
          `/entities/component/default/${entity}/health${query}`,
        );
        body = res.body;
        return res.status === 200 && check(body);
      },
      { timeoutMs: 120_000, observe: () => JSON.stringify(body) },
    );
    return body;
  }

  it('shows podinfo under load with its request rate, success rate, latency and a healthy status', async () => {
    const body = await healthUntil(
      'podinfo',
      'podinfo-primary to serve traffic under the load',
      b =>
        b.items?.some(
          (i: any) =>
            i.workload === 'podinfo-primary' &&
            i.requestsPerSecond > 0 &&
            i.series.requestsPerSecond.length > 0,
        ),
    );
    expect(body.entityRef).toBe('component:default/podinfo');
    expect(body.window).toBe('5m');
    expect(body.thresholds).toEqual({
      degraded5xx: 0,
      failing5xx: 10,
      degraded4xx: 10,
      failing4xx: 20,
    });
    expect(body.errors).toEqual([]);
    const primary = body.items.find((i: any) => i.role === 'primary');
    expect(primary).toMatchObject({
      cluster: 'lab',
      namespace: NS,
      workload: 'podinfo-primary',
      canary: `${NS}/podinfo`,
      status: 'healthy',
      successRate: 100,
      errorRate5xx: 0,
    });
    // A rate over the 5m window, of which the lab has run only seconds: small, but not zero.
    expect(primary.requestsPerSecond).toBeGreaterThan(0);
    expect(primary.latency.p50).toBeGreaterThan(0);
    expect(primary.latency.p99).toBeGreaterThanOrEqual(primary.latency.p50);
    // The canary workload is scaled to zero between rollouts: no traffic, said as such.
    expect(body.items.find((i: any) => i.role === 'canary')).toMatchObject({
      workload: 'podinfo',
      status: 'no-traffic',
      reason: 'no requests in 5m',
    });
    expect(body.status).toBe('healthy');
  });

  it('shows a workload without load as no-traffic, never healthy', async () => {
    const res = await api('/entities/component/default/idle/health?window=1m');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('no-traffic');
    expect(res.body.window).toBe('1m');
    expect(res.body.items).toEqual([
      expect.objectContaining({
        workload: 'idle',
        role: 'workload',
        status: 'no-traffic',
        reason: 'no requests in 1m',
        callers: {
          status: 'measured',
          telemetry: 'istio',
          items: [],
          limit: 10,
          leftOut: 0,
          reason: 'no requests in 1m, so no callers',
        },
      }),
    ]);
  });

  it('shows the faulty release (10% of answers 500) as degraded or failing, with the 5xx share', async () => {
    // Each answer is a 500 with probability 0.1, so the share is only near 10% over enough
    // requests: a rate of 10/s over a 1m window means at least about 30 s of the 20 rps load
    // (Prometheus extrapolates a partial window), some 600 requests, where a share outside
    // 4%..20% is more than 5 standard deviations away. Reading after the first few requests
    // (as this test once did) can see 2 of 8.
    const body = await healthUntil(
      'flaky',
      'flaky to serve at least 10 rps over a 1m window',
      b => b.items?.[0]?.requestsPerSecond >= 10,
      '?window=1m',
    );
    const [flaky] = body.items;
    expect(body.window).toBe('1m');
    expect(['degraded', 'failing']).toContain(flaky.status);
    expect(flaky.reason).toMatch(/^5xx \d+(\.\d+)?% >=? (0|10)%$/);
    expect(flaky.errorRate5xx).toBeGreaterThan(4);
    expect(flaky.errorRate5xx).toBeLessThan(20);
    expect(flaky.successRate).toBeCloseTo(100 - flaky.errorRate5xx, 6);
    expect(body.status).toBe(flaky.status);
  });

  it("lists podinfo's callers: the ingress gateway as the entry point with its rate, beside the mesh's load", async () => {
    const primaryOf = (b: any) =>
      b.items?.find((i: any) => i.workload === 'podinfo-primary');
    const callerOf = (b: any, workload: string) =>
      primaryOf(b)?.callers?.items?.find((c: any) => c.workload === workload);
    // Over a 1m window a rate nears what the load sends once the load has run some 30 s.
    const body = await healthUntil(
      'podinfo',
      `podinfo-primary to list ${INGRESS} as a caller at half its ${GATEWAY_RPS} rps or more over 1m`,
      b =>
        callerOf(b, 'istio-ingressgateway')?.requestsPerSecond >=
        GATEWAY_RPS / 2,
      '?window=1m',
    );
    const primary = primaryOf(body);
    expect(primary.callers).toMatchObject({
      status: 'measured',
      telemetry: 'istio',
      limit: 10,
      leftOut: 0,
    });
    expect(primary.callers.reason).toBeUndefined();
    // Exactly the two sources of its load: no caller made up.
    expect(
      primary.callers.items.map((c: any) => `${c.namespace}/${c.workload}`),
    ).toEqual([`${NS}/mesh-lab-load`, INGRESS]);
    const gateway = callerOf(body, 'istio-ingressgateway');
    const mesh = callerOf(body, 'mesh-lab-load');
    expect(gateway).toMatchObject({
      namespace: 'istio-system',
      kind: 'gateway',
      successRate: 100,
    });
    expect(mesh).toMatchObject({
      namespace: NS,
      kind: 'workload',
      successRate: 100,
    });
    expect(gateway.requestsPerSecond).toBeLessThanOrEqual(GATEWAY_RPS * 1.2);
    expect(gateway.latency.p99).toBeGreaterThan(0);
    // Both loads ran as long: their rates stand as 20 to 10.
    const ratio = mesh.requestsPerSecond / gateway.requestsPerSecond;
    expect(ratio).toBeGreaterThan((MESH_RPS / GATEWAY_RPS) * 0.75);
    expect(ratio).toBeLessThan((MESH_RPS / GATEWAY_RPS) * 1.33);
    // The callers are all of podinfo-primary's requests.
    const sum = gateway.requestsPerSecond + mesh.requestsPerSecond;
    expect(Math.abs(sum - primary.requestsPerSecond)).toBeLessThan(
      primary.requestsPerSecond * 0.1,
    );
    // The canary workload, scaled to zero, served nothing: no caller, and said so.
    expect(
      body.items.find((i: any) => i.workload === 'podinfo').callers,
    ).toMatchObject({
      status: 'measured',
      items: [],
      reason: 'no requests in 1m, so no callers',
    });

    // flaky gets its load from inside the mesh only: the gateway is none of its callers.
    const flaky = await api(
      '/entities/component/default/flaky/health?window=1m',
    );
    expect(
      flaky.body.items[0].callers.items.map(
        (c: any) => `${c.namespace}/${c.workload}:${c.kind}`,
      ),
    ).toEqual([`${NS}/mesh-lab-load:workload`]);
  });

  it('refuses a bad window with a 400 and an unknown Canary with a 404', async () => {
    const bad = await api(
      '/entities/component/default/podinfo/health?window=5x',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'window must be a Prometheus duration between 1m and 7d, such as 5m, 90s, 1h or 1d (got "5x")',
    );
    const unknown = await api(
      `/entities/component/default/podinfo/rollouts/lab/${NS}/nope/analysis`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      `Canary ${NS}/nope in cluster lab is not a rollout of component:default/podinfo`,
    );
    const badHistory = await api(
      `/entities/component/default/podinfo/rollouts/lab/${NS}/podinfo/analysis?history=abc`,
    );
    expect(badHistory.status).toBe(400);
    expect(badHistory.body.error.message).toMatch(
      /^history must be the id of a past rollout/,
    );
  });

  it("delivers the team's rollout going Progressing on the stream within seconds", async () => {
    const stream = await openEventStream(
      backend.server,
      `/api/canary/stream?owner=${encodeURIComponent(TEAM)}`,
    );
    try {
      expect(stream.status).toBe(200);
      const first = await stream.next('the team rollouts at connection');
      expect(first.event).toBe('rollouts');
      expect(first.data.items.map((i: any) => i.name)).toEqual(['podinfo']);
      expect(first.data.items[0].status.phase).toBe('Initialized');

      await cluster.patch('apps/v1', 'Deployment', NS, 'podinfo', {
        spec: {
          template: {
            spec: { containers: [{ name: 'podinfod', image: NEXT }] },
          },
        },
      });
      const changedAt = Date.now();
      let phase = first.data.items[0].status.phase;
      while (phase !== 'Progressing') {
        const event = await stream.next(
          'the rollout to go Progressing',
          Math.max(1, changedAt + 10_000 - Date.now()),
        );
        phase = event.data.items[0]?.status.phase;
      }
    } finally {
      stream.close();
    }
  });

  it('charts the running rollout: the canary and primary success rate with its threshold', async () => {
    let body: any;
    await waitFor(
      'the analysis to show canary samples of request-success-rate',
      async () => {
        const res = await api(
          `/entities/component/default/podinfo/rollouts/lab/${NS}/podinfo/analysis`,
        );
        body = res.body;
        return res.status === 200 && body.metrics?.[0]?.canary?.length > 0;
      },
      { timeoutMs: 120_000, observe: () => JSON.stringify(body) },
    );
    expect(body).toMatchObject({
      cluster: 'lab',
      namespace: NS,
      name: 'podinfo',
    });
    const span = (Date.parse(body.to) - Date.parse(body.from)) / 1000;
    expect(span).toBeGreaterThan(0);
    expect(span / body.stepSeconds).toBeLessThanOrEqual(200);
    const [metric] = body.metrics;
    expect(metric.name).toBe('request-success-rate');
    expect(metric.thresholdRange).toEqual({ min: 99 });
    expect(metric.error).toBeUndefined();
    for (const [time, value] of metric.canary) {
      expect(time * 1000).toBeGreaterThanOrEqual(Date.parse(body.from) - 1000);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    // A good release: every sample at 100% passes, so no failed check is marked.
    expect(metric.canary.every(([, v]: number[]) => v === 100)).toBe(true);
    expect(metric.failed).toEqual([]);
    expect(metric.primary.length).toBeGreaterThan(0);
  });

  it('promotes the rollout, its analysis asked through the service proxy', async () => {
    await waitForPhase('Succeeded');
    const primary = await cluster.get(
      'apps/v1',
      'Deployment',
      NS,
      'podinfo-primary',
    );
    expect(primary.spec.template.spec.containers[0].image).toBe(NEXT);
    // The queries went through the API server: its own metrics count the proxied requests.
    const metrics = await cluster.client.getText('/metrics');
    expect(metrics).toMatch(
      /apiserver_request_total\{[^}]*resource="services"[^}]*subresource="proxy"[^}]*\} [1-9]/,
    );
  });
});
