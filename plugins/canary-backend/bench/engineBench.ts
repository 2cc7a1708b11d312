/*
 * yarn bench:engine — what the rollout engine costs when nothing changes: 200 initialised,
 * idle Canaries in the mesh lab, one backend process: by default the portal's production build
 * (scripts/build-production.sh, `NODE_ENV=production node packages/backend`, what users run);
 * BENCH_BUILD=development runs dev/index.ts (the canary plugin alone, TypeScript transform). Prints the API server requests the
 * engine makes per minute (the apiserver's own apiserver_request_total, minus a window measured
 * before the engine started, and the engine's requests in the audit log), and the backend's CPU
 * seconds per minute and resident memory.
 */
import { startLab, waitFor } from '@vane/mesh-lab';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LabCluster } from '../src/testing/LabCluster';
import { startEngineProcess } from '../src/testing/startEngineProcess';

const CANARIES = Number(process.env.BENCH_CANARIES ?? 200);
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 60);
const INTERVAL = process.env.BENCH_INTERVAL ?? '10s';
const NAMESPACE = 'bench';
/** Node.js flags for the backend process, e.g. --max-semi-space-size=1 (see the README). */
const ENGINE_NODE_OPTIONS = process.env.BENCH_ENGINE_NODE_OPTIONS;
const BUILD = process.env.BENCH_BUILD ?? 'production';
if (BUILD !== 'production' && BUILD !== 'development') {
  throw new Error(
    `BENCH_BUILD must be production or development (got ${BUILD})`,
  );
}

/**
 * The portal's production build: scripts/build-production.sh builds it (minutes) unless it is up
 * to date with the sources, and prints its directory last.
 */
function productionBuildDir(): string {
  const repoRoot = path.resolve(
    resolvePackagePath('@vane/plugin-canary-backend'),
    '../..',
  );
  const env = { ...process.env };
  delete env.NODE_ENV;
  const stdout = execFileSync('bash', ['scripts/build-production.sh'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return stdout.trim().split('\n').pop()!;
}

/** apiserver_request_total by "VERB resource", from the API server's own /metrics. */
async function apiserverRequestCounts(
  cluster: LabCluster,
): Promise<Record<string, number>> {
  const text = await cluster.client.getText('/metrics');
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const verb = line.match(/verb="([^"]*)"/)?.[1] ?? '?';
    const resource =
      line.match(/resource="([^"]*)"/)?.[1] ||
      line.match(/subresource="([^"]*)"/)?.[1] ||
      '-';
    const key = `${verb} ${resource}`;
    counts[key] = (counts[key] ?? 0) + Number(line.split(' ').pop());
  }
  return counts;
}

function diffCounts(
  after: Record<string, number>,
  before: Record<string, number>,
) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
      .filter(([, delta]) => delta > 0)
      .sort((a, b) => b[1] - a[1]),
  );
}

async function apiserverRequestTotal(cluster: LabCluster): Promise<number> {
  const text = await cluster.client.getText('/metrics');
  return text
    .split('\n')
    .filter(line => line.startsWith('apiserver_request_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

function cpuSeconds(pid: number): number {
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMegabytes(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find(l => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

function engineAuditRequests(dataDir: string, since: number) {
  const events = fs
    .readFileSync(path.join(dataDir, 'audit.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line))
    .filter(
      e =>
        e.user?.username === 'system:serviceaccount:vane-system:vane-canary' &&
        e.stage === 'ResponseComplete',
    )
    .filter(e => Date.parse(e.requestReceivedTimestamp) >= since);
  const byVerb: Record<string, number> = {};
  for (const e of events) {
    const key = `${e.verb} ${e.objectRef?.resource ?? e.requestURI}`;
    byVerb[key] = (byVerb[key] ?? 0) + 1;
  }
  return { total: events.length, byVerb };
}

async function main() {
  const productionDir =
    BUILD === 'production' ? productionBuildDir() : undefined;
  const backendDescription = productionDir
    ? `production build (yarn build:backend; NODE_ENV=production node packages/backend: the portal's backend, in ${productionDir})`
    : 'development (dev/index.ts: the canary plugin alone, TypeScript transform, NODE_ENV=development)';
  const lab = await startLab({ readyDelayMs: 200, log: () => {} });
  const cluster = new LabCluster(lab);
  let engine: Awaited<ReturnType<typeof startEngineProcess>> | undefined;
  try {
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    for (let i = 0; i < CANARIES; i++) {
      const name = `svc-${i}`;
      await cluster.apply({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: NAMESPACE, labels: { app: name } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: [
                { name: 'app', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' },
              ],
            },
          },
        },
      });
      await cluster.apply({
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        metadata: { name, namespace: NAMESPACE },
        spec: {
          provider: 'istio',
          targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          service: { port: 9898 },
          analysis: {
            interval: INTERVAL,
            threshold: 3,
            maxWeight: 50,
            stepWeight: 10,
            metrics: [
              { name: 'request-success-rate', thresholdRange: { min: 99 } },
            ],
          },
        },
      });
    }

    engine = await startEngineProcess({
      name: 'bench',
      config: { canary: { clusters: [lab.clusterConfig('lab')] } },
      nodeOptions: ENGINE_NODE_OPTIONS,
      productionDir,
    });
    const started = Date.now();
    let initialized = 0;
    await waitFor(
      `all ${CANARIES} Canaries to be Initialized`,
      async () => {
        const list = await cluster.client.request<any>(
          'GET',
          `/apis/delivery.vane.dev/v1alpha1/namespaces/${NAMESPACE}/canaries`,
        );
        initialized = list.items.filter(
          (c: any) => c.status?.phase === 'Initialized',
        ).length;
        return initialized === CANARIES;
      },
      {
        timeoutMs: 15 * 60_000,
        intervalMs: 2000,
        observe: () => `${initialized} initialised`,
      },
    );
    const initSeconds = (Date.now() - started) / 1000;
    // Let the lab settle (ReplicaSets of the scaled-down targets, pod deletions, endpoints)
    // before measuring idleness.
    await new Promise(resolve => setTimeout(resolve, 60_000));

    const windowStart = Date.now();
    const requestsBefore = await apiserverRequestTotal(cluster);
    const countsBefore = await apiserverRequestCounts(cluster);
    const cpuBefore = cpuSeconds(engine.pid);
    await new Promise(resolve => setTimeout(resolve, WINDOW_SECONDS * 1000));
    const requestsAfter = await apiserverRequestTotal(cluster);
    const countsWithEngine = diffCounts(
      await apiserverRequestCounts(cluster),
      countsBefore,
    );
    const cpuAfter = cpuSeconds(engine.pid);
    const perMinute = 60 / WINDOW_SECONDS;
    const audit = engineAuditRequests(lab.dataDir, windowStart);
    const rss = rssMegabytes(engine.pid);

    // The same window without the engine: what the lab's own components (kubelet, data plane,
    // controllers) ask of the API server, so the difference is the engine's.
    await engine.stop();
    engine = undefined;
    await new Promise(resolve => setTimeout(resolve, 10_000));
    const baselineBefore = await apiserverRequestTotal(cluster);
    const baselineCountsBefore = await apiserverRequestCounts(cluster);
    await new Promise(resolve => setTimeout(resolve, WINDOW_SECONDS * 1000));
    const countsWithout = diffCounts(
      await apiserverRequestCounts(cluster),
      baselineCountsBefore,
    );
    const baselinePerMinute =
      ((await apiserverRequestTotal(cluster)) - baselineBefore) * perMinute;
    const idlePerMinute = (requestsAfter - requestsBefore) * perMinute;

    const line = (label: string, value: string) =>
      `  ${label.padEnd(44)}${value}`;
    const lines = [
      `engine benchmark, backend: ${backendDescription}`,
      `engine benchmark: ${CANARIES} idle Canaries (istio, interval ${INTERVAL}), ${WINDOW_SECONDS}s window, backend NODE_OPTIONS: ${
        ENGINE_NODE_OPTIONS ?? '(none)'
      }`,
      line('initialisation of all Canaries:', `${initSeconds.toFixed(1)} s`),
      line(
        'apiserver_request_total with the engine:',
        `${idlePerMinute.toFixed(0)} requests/min`,
      ),
      line(
        'apiserver_request_total without it:',
        `${baselinePerMinute.toFixed(
          0,
        )} requests/min (the lab's own components)`,
      ),
      line(
        '  by verb and resource, with the engine:',
        JSON.stringify(countsWithEngine),
      ),
      line(
        '  by verb and resource, without it:',
        JSON.stringify(countsWithout),
      ),
      line(
        "difference (the engine's share):",
        `${(idlePerMinute - baselinePerMinute).toFixed(0)} requests/min`,
      ),
      line(
        'engine requests in the audit log:',
        `${(audit.total * perMinute).toFixed(0)} requests/min ${JSON.stringify(
          audit.byVerb,
        )}`,
      ),
      line(
        'engine CPU:',
        `${((cpuAfter - cpuBefore) * perMinute).toFixed(2)} CPU seconds/min`,
      ),
      line('engine resident memory:', `${rss.toFixed(0)} MB`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await engine?.stop();
    await lab.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
