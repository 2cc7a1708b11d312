import type { Canary } from '@vane/plugin-canary-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import fc from 'fast-check';
import { KubernetesApiError } from '../cluster/KubernetesHttpClient';
import { LabCluster } from '../testing/LabCluster';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';
import { arbitraryCanarySpec } from './__testUtils__/arbitraryCanarySpec';
import { engineRefusal } from './__testUtils__/engineRefusal';

// Bad input against the lab: a sample of the fuzzed invalid Canaries (invalidCanaries.test.ts
// runs thousands in memory) applied to the real API server with a real backend driving it.
// Each is stored (or refused by the CRD's schema first) and reported Valid=False naming its
// field, and nothing of a rollout appears in the namespace.
jest.setTimeout(10 * 60_000);

const NAMESPACE = 'fuzz';
const IMAGE = 'ghcr.io/stefanprodan/podinfo:6.0.0';
// Canaries the API server stores (its structural schema refuses wrong types first, with 422).
const SAMPLE = 10;

describe('invalid Canaries applied to the lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess | undefined;

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    engine = await startEngineProcess({
      name: 'fuzz',
      config: { canary: { clusters: [lab.clusterConfig('lab')] } },
    });
    await engine.waitForOutput(/now drives this cluster/);
  });

  afterAll(async () => {
    await engine?.stop();
    await lab?.stop();
  });

  it('reports each on its status naming the field, and creates no primary, Service or route', async () => {
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    await cluster.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'podinfo',
        namespace: NAMESPACE,
        labels: { app: 'podinfo' },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'podinfo' } },
        template: {
          metadata: { labels: { app: 'podinfo' } },
          spec: { containers: [{ name: 'podinfod', image: IMAGE }] },
        },
      },
    });
    const apiGroups = [
      'networking.istio.io',
      'gateway.networking.k8s.io',
      'split.smi-spec.io',
    ];
    const canaryOf = (index: number, spec: unknown) =>
      ({
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        metadata: { name: `fuzz-${index}`, namespace: NAMESPACE },
        spec,
      } as unknown as Canary);
    const invalid = fc
      .sample(arbitraryCanarySpec(), { numRuns: 400, seed: 20261203 })
      .filter(spec => engineRefusal(spec, canaryOf(0, spec), apiGroups));

    const stored: Array<{ name: string; field: string }> = [];
    const refusedByTheApiServer: string[] = [];
    for (const [index, spec] of invalid.entries()) {
      if (stored.length === SAMPLE) break;
      const canary = canaryOf(index, spec);
      try {
        // What the API server would store (it drops what its schema prunes: nulls, unknown
        // fields): the engine judges that, so only Canaries still invalid as stored are created.
        const kept: any = await cluster.client.request(
          'POST',
          `/apis/delivery.vane.dev/v1alpha1/namespaces/${NAMESPACE}/canaries?dryRun=All`,
          canary,
        );
        const field = engineRefusal(kept.spec, kept, apiGroups);
        if (!field) continue;
        await cluster.apply(canary);
        stored.push({ name: canary.metadata.name, field });
      } catch (error) {
        // The CRD's structural schema refuses wrong types before the engine sees them.
        if (!(error instanceof KubernetesApiError) || error.statusCode !== 422)
          throw error;
        refusedByTheApiServer.push(canary.metadata.name);
      }
    }
    expect(stored).toHaveLength(SAMPLE);

    const admin = cluster;
    for (const { name, field } of stored) {
      let status: any;
      await waitFor(
        `Canary ${NAMESPACE}/${name} to get a Valid=False condition naming ${field.trim()}`,
        async () => {
          status = (await admin.canary(NAMESPACE, name))?.status;
          const valid = status?.conditions?.find(
            (c: any) => c.type === 'Valid',
          );
          return valid?.status === 'False' && valid.message.includes(field);
        },
        { timeoutMs: 60_000, observe: () => JSON.stringify(status) },
      );
    }

    const names = async (apiVersion: string, kind: string) =>
      ((await cluster.list(apiVersion, kind, NAMESPACE)) as any[]).map(
        o => o.metadata.name,
      );
    expect({
      deployments: await names('apps/v1', 'Deployment'),
      services: await names('v1', 'Service'),
      virtualServices: await names(
        'networking.istio.io/v1beta1',
        'VirtualService',
      ),
      httpRoutes: await names('gateway.networking.k8s.io/v1beta1', 'HTTPRoute'),
      trafficSplits: await names('split.smi-spec.io/v1alpha2', 'TrafficSplit'),
    }).toEqual({
      deployments: ['podinfo'],
      services: [],
      virtualServices: [],
      httpRoutes: [],
      trafficSplits: [],
    });
    const target: any = await cluster.deployment(NAMESPACE, 'podinfo');
    expect(target.metadata.generation).toBe(1);
  });
});
