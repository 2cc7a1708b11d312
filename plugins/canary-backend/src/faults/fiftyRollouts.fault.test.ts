import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import { openEventStream } from '../service/__testUtils__/openEventStream';
import { LabCluster } from '../testing/LabCluster';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// Issue 15, item 8: 50 rollouts progressing at once in one lab, driven by the portal's backend
// while the portal's live stream of their entity is open. Every one must finish with its exact
// weight sequence; the backend's event loop delay (GET /api/canary/health) is measured and
// printed, not asserted: the figure is in the README.
jest.setTimeout(15 * 60_000);

const ROLLOUTS = 50;
const NAMESPACE = 'shop';
const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';

// The `checkout` component of examples/entities.yaml selects the Deployments labelled with its
// Kubernetes id in namespace shop: all 50 targets are its workloads, so its stream carries them.
function app(index: number) {
  const name = `app-${index}`;
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: NAMESPACE,
        labels: { app: name, 'backstage.io/kubernetes-id': 'checkout' },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'podinfod', image: GOOD }] },
        },
      },
    },
    {
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name, namespace: NAMESPACE },
      spec: {
        provider: 'istio',
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        service: { port: 9898 },
        analysis: {
          interval: '3s',
          threshold: 3,
          maxWeight: 60,
          stepWeight: 20,
          metrics: [
            {
              name: 'request-success-rate',
              thresholdRange: { min: 99 },
              interval: '15s',
            },
          ],
        },
      },
    },
  ];
}

describe('50 rollouts at once', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess | undefined;

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    engine = await startEngineProcess({
      name: 'load',
      backend: 'portal',
      config: {
        canary: {
          clusters: [lab.clusterConfig('lab')],
          engine: { leaseDurationSeconds: 5 },
        },
      },
    });
    await engine.waitForOutput(/now drives this cluster/, 90_000);
  });

  afterAll(async () => {
    await engine?.stop();
    await lab?.stop();
  });

  it('finishes every one with its exact weight sequence while the stream is open, and reports the event loop delay', async () => {
    const api = (route: string) =>
      `http://127.0.0.1:${engine!.port}/api/${route}`;
    const signIn = await fetch(api('auth/guest/refresh'), {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    const token: string = (await signIn.json()).backstageIdentity.token;
    const headers = { authorization: `Bearer ${token}` };
    const names = Array.from({ length: ROLLOUTS }, (_, i) => `app-${i}`);

    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    for (let i = 0; i < ROLLOUTS; i++) {
      for (const object of app(i)) await cluster.apply(object);
      lab.setLoad({ service: `app-${i}`, namespace: NAMESPACE, rps: 5 });
    }
    const phases = async () =>
      new Map(
        (
          await cluster.list('delivery.vane.dev/v1alpha1', 'Canary', NAMESPACE)
        ).map(c => [c.metadata.name as string, c.status ?? {}]),
      );
    let seen = new Map<string, any>();
    const count = (phase: string) =>
      [...seen.values()].filter(s => s.phase === phase).length;
    await waitFor(
      `all ${ROLLOUTS} Canaries Initialized`,
      async () => {
        seen = await phases();
        return count('Initialized') === ROLLOUTS;
      },
      {
        timeoutMs: 300_000,
        intervalMs: 1000,
        observe: () => `${count('Initialized')} Initialized`,
      },
    );

    const stream = await openEventStream(
      engine!.port,
      '/api/canary/entities/component/default/checkout/stream',
      headers,
    );
    expect(stream.status).toBe(200);
    let streamed: any[] = [];
    let streaming = true;
    const drain = (async () => {
      while (streaming) {
        // Short waits, so the loop ends soon after the stream is closed.
        const { data } = await stream
          .next('a stream event', 1_000)
          .catch(() => ({ data: undefined as any }));
        if (data) streamed = data.items ?? [];
      }
    })();

    // Every weight each Canary's status held, from a watch of the namespace's Canaries (a
    // poll of 50 under this load can miss a 3 s step).
    const weights = new Map<string, number[]>(names.map(n => [n, []]));
    const canaries =
      '/apis/delivery.vane.dev/v1alpha1/namespaces/shop/canaries';
    const { metadata } = await cluster.client.request('GET', canaries);
    const watching = new AbortController();
    const watched = cluster.client.watch(
      `${canaries}?watch=true&resourceVersion=${metadata.resourceVersion}`,
      ({ object }) => {
        const list = weights.get(object.metadata?.name);
        const weight = object.status?.canaryWeight ?? 0;
        if (list && weight > 0 && list[list.length - 1] !== weight)
          list.push(weight);
      },
      watching.signal,
    );
    const delays: string[] = [];
    const readHealth = async () =>
      (await fetch(api('canary/health'), { headers }).then(r => r.json()))
        .eventLoopDelay;
    for (let i = 0; i < ROLLOUTS; i++) {
      await cluster.patch('apps/v1', 'Deployment', NAMESPACE, `app-${i}`, {
        spec: {
          template: {
            spec: { containers: [{ name: 'podinfod', image: NEXT }] },
          },
        },
      });
    }
    const started = Date.now();
    let lastHealth = Date.now();
    await waitFor(
      `all ${ROLLOUTS} rollouts to succeed`,
      async () => {
        seen = await phases();
        if (Date.now() - lastHealth > 10_000) {
          lastHealth = Date.now();
          const { lastMinute } = await readHealth();
          delays.push(`p99 ${lastMinute.p99Ms} max ${lastMinute.maxMs}`);
        }
        return (
          count('Succeeded') === ROLLOUTS &&
          [...seen.values()].every(
            s => s.lastPromotedSpec === s.lastAppliedSpec,
          )
        );
      },
      {
        timeoutMs: 600_000,
        intervalMs: 500,
        observe: () =>
          `${count('Succeeded')} Succeeded, ${count(
            'Progressing',
          )} Progressing`,
      },
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    watching.abort();
    await watched;
    const { lastMinute, sinceStart } = await readHealth();

    // The stream shows all 50 finished.
    await waitFor(
      `the stream of checkout to show all ${ROLLOUTS} rollouts Succeeded`,
      () =>
        streamed.length === ROLLOUTS &&
        streamed.every(r => r.status.phase === 'Succeeded'),
      {
        timeoutMs: 30_000,
        observe: () => `${streamed.length} rollouts streamed`,
      },
    );
    streaming = false;
    stream.close();
    await drain;

    // eslint-disable-next-line no-console
    console.log(
      `${ROLLOUTS} rollouts (3 steps, 3 s interval) finished in ${seconds} s with the stream open.\n` +
        `event loop delay of the backend (GET /api/canary/health), every 10 s during the load: ${delays.join(
          '; ',
        )}\n` +
        `last minute: p50 ${lastMinute.p50Ms} ms, p99 ${lastMinute.p99Ms} ms, max ${lastMinute.maxMs} ms; ` +
        `since the start: p50 ${sinceStart.p50Ms} ms, p99 ${sinceStart.p99Ms} ms, max ${sinceStart.maxMs} ms`,
    );
    expect(Object.fromEntries(weights)).toEqual(
      Object.fromEntries(names.map(n => [n, [20, 40, 60]])),
    );
  });
});
