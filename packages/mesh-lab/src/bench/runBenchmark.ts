import { AppsV1Api, KubernetesObject } from '@kubernetes/client-node';
import { applyObjects } from '../cluster/applyObjects';
import { waitFor } from '../controlplane/waitFor';
import { podinfoObjects } from '../fixtures/podinfoObjects';
import { startLab } from '../lab/startLab';
import { readCpuSeconds } from './readCpuSeconds';

export interface BenchmarkOptions {
  services: number;
  rps: number;
  seconds: number;
}

/**
 * Runs a lab with `services` canaried Services (primary + canary Deployments, routed 90/10
 * through a VirtualService, an HTTPRoute or a TrafficSplit in turn) under `rps` each, and
 * prints the CPU the whole lab uses per wall second: etcd, kube-apiserver,
 * kube-controller-manager, Prometheus and this Node process (kubelet, data plane, load).
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<void> {
  const lab = await startLab();
  try {
    const namespace = 'bench';
    const objects: KubernetesObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }];
    for (let i = 0; i < options.services; i++) {
      const name = `svc-${i}`;
      objects.push(
        ...podinfoObjects({ namespace, name: `${name}-primary` }),
        ...podinfoObjects({ namespace, name: `${name}-canary` }),
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace },
          spec: { selector: { app: `${name}-primary` }, ports: [{ name: 'http', port: 9898 }] },
        } as KubernetesObject,
        routeFor(i, name, namespace),
      );
    }
    await applyObjects(lab.kubeConfig, objects);
    const apps = lab.kubeConfig.makeApiClient(AppsV1Api);
    let available = 0;
    await waitFor(
      `all ${options.services * 2} Deployments Available`,
      async () => {
        const list = await apps.listNamespacedDeployment({ namespace });
        available = list.items.filter(d => d.status?.availableReplicas === d.spec?.replicas).length;
        return available === options.services * 2;
      },
      { timeoutMs: 120_000, intervalMs: 1000, observe: () => `${available} available` },
    );
    for (let i = 0; i < options.services; i++) {
      lab.setLoad({ service: `svc-${i}`, namespace, rps: options.rps });
    }
    process.stderr.write('[bench] load running; 10 s warm-up\n');
    await new Promise(r => setTimeout(r, 10_000));

    const pids: Record<string, number> = { ...lab.pids, 'node (kubelet, data plane, load)': process.pid };
    const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, readCpuSeconds(pid)]));
    const sentBefore = lab.loads().reduce((a, l) => a + l.sent, 0);
    const start = Date.now();
    await new Promise(r => setTimeout(r, options.seconds * 1000));
    const wall = (Date.now() - start) / 1000;
    const sent = lab.loads().reduce((a, l) => a + l.sent, 0) - sentBefore;

    let total = 0;
    const lines = Object.entries(pids).map(([k, pid]) => {
      const used = (readCpuSeconds(pid) - before[k]) / wall;
      total += used;
      return `  ${k.padEnd(34)} ${(used * 100).toFixed(1).padStart(6)} % of a core`;
    });
    const [scraped] = await lab.query('count({__name__=~".+"})');
    console.log(`mesh-lab benchmark: ${options.services} Services x ${options.rps} rps for ${wall.toFixed(0)} s
  simulated requests:                ${(sent / wall).toFixed(0)} per second
  series in Prometheus:              ${scraped?.value ?? '?'}
${lines.join('\n')}
  TOTAL                              ${(total * 100).toFixed(1).padStart(6)} % of a core (${total.toFixed(2)} CPU-seconds per wall second)`);
  } finally {
    await lab.stop();
  }
}

function routeFor(i: number, name: string, namespace: string): KubernetesObject {
  const primary = `${name}-primary`;
  const canary = `${name}-canary`;
  switch (i % 3) {
    case 0:
      return {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name, namespace },
        spec: {
          hosts: [name],
          http: [{ route: [{ destination: { host: primary }, weight: 90 }, { destination: { host: canary }, weight: 10 }] }],
        },
      } as KubernetesObject;
    case 1:
      return {
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'HTTPRoute',
        metadata: { name, namespace },
        spec: {
          parentRefs: [{ group: 'core', kind: 'Service', name, port: 9898 }],
          rules: [{ backendRefs: [{ name: primary, port: 9898, weight: 90 }, { name: canary, port: 9898, weight: 10 }] }],
        },
      } as KubernetesObject;
    default:
      return {
        apiVersion: 'split.smi-spec.io/v1alpha2',
        kind: 'TrafficSplit',
        metadata: { name, namespace },
        spec: { service: name, backends: [{ service: primary, weight: 90 }, { service: canary, weight: 10 }] },
      } as KubernetesObject;
  }
}
