/*
 * yarn bench:portal — the portal's read path at scale: N Canaries (default 1,000) across two mesh
 * labs, initialised by the engine, and N catalog Components owned by a few teams, served by the
 * real backend (packages/backend: catalog, permissions, guest sign-in, Vane's canary plugin and
 * Backstage's Kubernetes plugin, in one process). Prints the p50/p99 latency of Vane's entity
 * rollouts endpoint, of the team overview endpoint and, for the same entity, of Backstage's
 * `POST /api/kubernetes/services/:entity`, with the ratio from the same run; then the time to the
 * first rendered row of the release overview page in Chromium.
 *
 * Flags: --canaries 1000 --teams 5 --requests 500 --kubernetes-every 5 --reloads 5
 *        --link kubernetes-id|vane-canary --build production|development --skip-app-build
 *        (see packages/backend/README.md). The backend is its production build by default.
 */
import { findFreePort, Lab, startLab, waitFor } from '@vane/mesh-lab';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { applyInParallel } from './portal/applyInParallel';
import {
  BACKSTAGE_READER,
  backstageKubernetesReader,
} from './portal/backstageKubernetesReader';
import { BENCH_GUEST, benchCatalog } from './portal/benchCatalog';
import { benchWorkloads, planBenchServices } from './portal/benchWorkloads';
import { LabAdmin } from './portal/LabAdmin';
import { LatencyFigures, measureLatencies } from './portal/measureLatencies';
import {
  measureOverviewRender,
  OverviewRender,
} from './portal/measureOverviewRender';
import { buildProduction } from '../src/__testUtils__/buildProduction';
import { listenOn } from '../src/__testUtils__/listenOn';
import {
  BackendBuild,
  describeBackendBuild,
  startBackstageBackend,
} from '../src/__testUtils__/startBackstageBackend';

const { values: flags } = parseArgs({
  options: {
    canaries: { type: 'string', default: '1000' },
    teams: { type: 'string', default: '5' },
    requests: { type: 'string', default: '500' },
    'kubernetes-every': { type: 'string', default: '5' },
    reloads: { type: 'string', default: '5' },
    link: { type: 'string', default: 'kubernetes-id' },
    build: { type: 'string', default: 'production' },
    'skip-app-build': { type: 'boolean', default: false },
  },
});
const CANARIES = positive('canaries');
const TEAMS = positive('teams');
const REQUESTS = positive('requests');
const KUBERNETES_EVERY = positive('kubernetes-every');
const RELOADS = Number(flags.reloads);
const CLUSTERS = ['lab-a', 'lab-b'];
const LINK = linkFlag(flags.link);
const BUILD = buildFlag(flags.build);
const ENTITY_TARGET_P99_MS = 50;
const RENDER_TARGET_MS = 1500;

function positive(
  name: 'canaries' | 'teams' | 'requests' | 'kubernetes-every',
): number {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `--${name} must be a whole number above 0 (got ${flags[name]})`,
    );
  }
  return value;
}

function linkFlag(value: string | undefined): 'kubernetes-id' | 'vane-canary' {
  if (value !== 'kubernetes-id' && value !== 'vane-canary') {
    throw new Error(
      `--link must be kubernetes-id or vane-canary (got ${value})`,
    );
  }
  return value;
}

function buildFlag(value: string | undefined): 'production' | 'development' {
  if (value !== 'production' && value !== 'development') {
    throw new Error(`--build must be production or development (got ${value})`);
  }
  return value;
}

const repoRoot = path.resolve(resolvePackagePath('backend'), '../..');
const started = Date.now();
const progress = (line: string) =>
  process.stderr.write(
    `[bench:portal ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`,
  );

/** What to stop, last started first; run on success, failure, Ctrl-C and SIGTERM. */
const cleanups: Array<() => Promise<void>> = [];
/** Set by Ctrl-C or SIGTERM: the requests under way then fail, and that is not an error. */
const interruption = { signal: undefined as string | undefined };
async function stopEverything() {
  for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
    await cleanup().catch(error =>
      progress(`cleanup failed: ${(error as Error).message}`),
    );
  }
}
function stopOn(signal: NodeJS.Signals, exitCode: number) {
  process.once(signal, () => {
    interruption.signal = signal;
    progress(`${signal}: stopping the backend and the labs`);
    void stopEverything().finally(() => process.exit(exitCode));
  });
}
stopOn('SIGINT', 130);
stopOn('SIGTERM', 143);

/** Builds packages/app (the production bundle the backend's app plugin serves). */
async function buildApp(logFile: string): Promise<void> {
  const log = fs.openSync(logFile, 'w');
  const child = spawn('yarn', ['workspace', 'app', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>(resolve =>
    child.once('exit', resolve),
  );
  cleanups.pop();
  if (code !== 0) {
    throw new Error(
      `yarn workspace app build failed (${code}); see ${logFile}`,
    );
  }
}

async function startLabs(): Promise<Lab[]> {
  const labs = await Promise.allSettled(
    CLUSTERS.map(() => startLab({ readyDelayMs: 200, log: () => {} })),
  );
  for (const result of labs) {
    if (result.status === 'fulfilled') {
      const lab = result.value;
      cleanups.push(() => lab.stop());
    }
  }
  const failed = labs.find(r => r.status === 'rejected');
  if (failed) {
    throw (failed as PromiseRejectedResult).reason;
  }
  return labs.map(r => (r as PromiseFulfilledResult<Lab>).value);
}

/** The Backstage token of the guest, as the app's sign-in gets it. */
async function signInAsGuest(baseUrl: string): Promise<string> {
  const response = await fetch(
    `${baseUrl}/api/auth/guest/refresh?env=development`,
    { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!response.ok) {
    throw new Error(
      `Guest sign-in answered ${response.status}: ${await response.text()}`,
    );
  }
  return (await response.json()).backstageIdentity.token;
}

async function main() {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vane-bench-portal-'));
  const screenshotDir = path.join(repoRoot, 'test-results/bench');
  fs.mkdirSync(screenshotDir, { recursive: true });
  progress(`scale: ${CANARIES} Canaries, ${TEAMS} teams; logs in ${runDir}`);
  const setup: Array<[string, number]> = [];
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const stepStart = Date.now();
    progress(`${label}...`);
    const result = await run();
    setup.push([label, (Date.now() - stepStart) / 1000]);
    return result;
  };

  // The production build (what users run) includes the app bundle; the development backend
  // serves packages/app/dist, built here unless --skip-app-build.
  let build: BackendBuild = { kind: 'development' };
  if (BUILD === 'production') {
    build = {
      kind: 'production',
      dir: await step(
        'production build (scripts/build-production.sh; reused when the sources are unchanged)',
        () => buildProduction(path.join(runDir, 'production-build.log')),
      ),
    };
  } else if (!flags['skip-app-build']) {
    await step('build the app (packages/app)', () =>
      buildApp(path.join(runDir, 'app-build.log')),
    );
  }
  progress(`backend: ${describeBackendBuild(build)}`);

  const labs = await step('start two labs', startLabs);
  const admins = labs.map(lab => new LabAdmin(lab));
  const services = planBenchServices({
    count: CANARIES,
    clusters: CLUSTERS,
    teams: TEAMS,
  });
  await step(
    `apply ${CANARIES} Deployments and Canaries and Backstage's reader identity`,
    () =>
      Promise.all(
        labs.map((lab, index) =>
          applyInParallel(
            lab,
            [
              ...backstageKubernetesReader(),
              ...benchWorkloads(
                services.filter(s => s.cluster === CLUSTERS[index]),
              ),
            ],
            4,
          ),
        ),
      ),
  );
  const readerTokens = await Promise.all(
    admins.map(admin =>
      waitFor(
        `the token of ServiceAccount ${BACKSTAGE_READER.namespace}/${BACKSTAGE_READER.name}`,
        () =>
          admin.serviceAccountToken(
            BACKSTAGE_READER.namespace,
            BACKSTAGE_READER.name,
          ),
        { timeoutMs: 60_000, intervalMs: 500 },
      ),
    ),
  );

  const catalogFile = path.join(runDir, 'catalog.yaml');
  fs.writeFileSync(catalogFile, benchCatalog(services, LINK));
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = path.join(runDir, 'app-config.bench.yaml');
  fs.writeFileSync(
    configFile,
    YAML.stringify({
      ...listenOn(port),
      auth: {
        providers: { guest: { userEntityRef: `user:default/${BENCH_GUEST}` } },
      },
      catalog: {
        locations: [
          {
            type: 'file',
            target: catalogFile,
            rules: [{ allow: ['Component', 'Group', 'User'] }],
          },
        ],
      },
      canary: {
        clusters: labs.map((lab, index) => lab.clusterConfig(CLUSTERS[index])),
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: labs.map((lab, index) => ({
              name: CLUSTERS[index],
              url: lab.apiserverUrl,
              authProvider: 'serviceAccount',
              serviceAccountToken: readerTokens[index],
              caData: Buffer.from(lab.caData).toString('base64'),
              // The labs run no metrics-server.
              skipMetricsLookup: true,
            })),
          },
        ],
        // Kubernetes 1.20 serves these at older versions than the plugin's defaults.
        apiVersionOverrides: {
          horizontalpodautoscalers: 'v2beta2',
          cronjobs: 'v1beta1',
        },
        // So the plugin returns the entity's Canary too, as Vane does.
        customResources: [
          {
            group: 'delivery.vane.dev',
            apiVersion: 'v1alpha1',
            plural: 'canaries',
          },
        ],
      },
    }),
  );

  const backend = await step('start the backend', () =>
    startBackstageBackend({
      build,
      baseUrl,
      configFiles: [configFile],
      logFile: path.join(runDir, 'backend.log'),
    }),
  );
  cleanups.push(() => backend.stop());

  let phases: Array<Record<string, number>> = [];
  await step(`wait for the engine to initialise all ${CANARIES} Canaries`, () =>
    waitFor(
      `all ${CANARIES} Canaries to be Initialized`,
      async () => {
        phases = await Promise.all(admins.map(admin => admin.canaryPhases()));
        return (
          phases.reduce((sum, p) => sum + (p.Initialized ?? 0), 0) === CANARIES
        );
      },
      {
        timeoutMs: 30 * 60_000,
        intervalMs: 5000,
        observe: () => JSON.stringify(phases),
      },
    ),
  );

  const team = services[0].team;
  const teamSize = services.filter(s => s.team === team).length;
  const entity = services[0];
  let token = await signInAsGuest(baseUrl);
  const get = (url: string) =>
    fetch(`${baseUrl}${url}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  await step(`wait for the catalog to hold the ${CANARIES} Components`, () =>
    waitFor(
      `the catalog to list ${CANARIES} Components and their owners`,
      async () => {
        const response = await get(
          `/api/catalog/entities/by-query?filter=kind=component,relations.ownedBy=group:default/${team}&limit=1`,
        );
        return response.ok && (await response.json()).totalItems === teamSize;
      },
      { timeoutMs: 10 * 60_000, intervalMs: 2000 },
    ),
  );
  // Signed in again now that the catalog knows the guest's team (the token lists it).
  token = await signInAsGuest(baseUrl);
  const entityUrl = `/api/canary/entities/component/default/${entity.name}/rollouts`;
  const overviewUrl = `/api/canary/rollouts?owner=group:default/${team}&limit=${teamSize}`;
  const kubernetesUrl = `/api/kubernetes/services/${entity.name}`;
  const catalogUrl = `/api/catalog/entities/by-name/component/default/${entity.name}`;
  const catalogEntity = await (await get(catalogUrl)).json();
  const sizes: Record<string, number> = {};
  const expectJson = async (
    name: string,
    response: Response,
    check: (body: any) => string | undefined,
  ) => {
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${name} answered ${response.status}: ${text}`);
    }
    const problem = check(JSON.parse(text));
    if (problem) {
      throw new Error(`${name}: ${problem}`);
    }
    sizes[name] = text.length;
  };
  const requests = [
    {
      name: `GET ${entityUrl}`,
      send: async () =>
        expectJson(`GET ${entityUrl}`, await get(entityUrl), body =>
          body.items.length === 1 &&
          body.items[0].status.phase === 'Initialized'
            ? undefined
            : `expected the entity's one Initialized rollout, got ${JSON.stringify(
                body,
              ).slice(0, 500)}`,
        ),
    },
    {
      name: `GET ${overviewUrl}`,
      send: async () =>
        expectJson(`GET ${overviewUrl}`, await get(overviewUrl), body =>
          body.items.length === teamSize && body.errors.length === 0
            ? undefined
            : `expected ${teamSize} rollouts and no errors, got ${
                body.items.length
              } and ${JSON.stringify(body.errors).slice(0, 500)}`,
        ),
    },
    {
      name: `POST ${kubernetesUrl}`,
      everyRounds: KUBERNETES_EVERY,
      send: async () =>
        expectJson(
          `POST ${kubernetesUrl}`,
          await fetch(`${baseUrl}${kubernetesUrl}`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({ entity: catalogEntity }),
          }),
          body => kubernetesProblem(body, entity.cluster),
        ),
    },
    {
      // Not a portal request: the catalog lookup (with its permission check) that both
      // plugins make first, the floor under the two entity endpoints.
      name: `GET ${catalogUrl}`,
      send: async () =>
        expectJson(`GET ${catalogUrl}`, await get(catalogUrl), body =>
          body.metadata?.name === entity.name
            ? undefined
            : `expected the entity ${entity.name}`,
        ),
    },
  ];
  await step('wait for every endpoint to answer in full', () =>
    waitFor(
      'the entity, overview and Kubernetes endpoints to answer in full',
      async () => {
        for (const request of requests) await request.send();
        return true;
      },
      { timeoutMs: 5 * 60_000, intervalMs: 2000 },
    ),
  );

  progress(
    `measuring: ${REQUESTS} rounds of the ${requests.length} requests, after 20 warm-up rounds`,
  );
  const loadBefore = os.loadavg()[0];
  const latencies = await measureLatencies(requests, {
    rounds: REQUESTS,
    warmup: 20,
  });
  const loadAverages = [loadBefore, os.loadavg()[0]];
  // The interleaved rounds put a Kubernetes plugin call (hundreds of ms of CPU in the same
  // process) and a 380 kB overview before some entity requests; alone, the entity endpoint and
  // its catalog floor show what a page asking for one entity sees.
  progress(
    `measuring: ${REQUESTS} rounds of the entity endpoint and the catalog lookup alone`,
  );
  const alone = await measureLatencies([requests[0], requests[3]], {
    rounds: REQUESTS,
    warmup: 20,
  });

  progress('measuring the overview page in Chromium');
  const render = await measureOverviewRender({
    baseUrl,
    reloads: RELOADS,
    screenshotDir,
  });

  report({
    build,
    setup,
    latencies,
    alone,
    render,
    teamSize,
    team,
    entity: entity.name,
    entityCluster: entity.cluster,
    sizes,
    loadAverages,
  });
}

/** Why a kubernetes-backend answer is not the full picture of the entity, or undefined. */
function kubernetesProblem(body: any, cluster: string): string | undefined {
  const items: any[] = body.items ?? [];
  const errors = items.flatMap(item =>
    (item.errors ?? []).map(
      (e: any) => `${item.cluster?.name}: ${JSON.stringify(e).slice(0, 200)}`,
    ),
  );
  if (errors.length) {
    return `errors from clusters: ${errors.join('; ')}`;
  }
  const deployments = items
    .filter(item => item.cluster?.name === cluster)
    .flatMap(item => item.resources)
    .filter(r => r.type === 'deployments')
    .flatMap(r => r.resources);
  return deployments.length
    ? undefined
    : `no Deployment of the entity in ${cluster} among ${items.length} clusters`;
}

function report(result: {
  build: BackendBuild;
  setup: Array<[string, number]>;
  latencies: LatencyFigures[];
  render: OverviewRender;
  team: string;
  teamSize: number;
  entity: string;
  entityCluster: string;
  sizes: Record<string, number>;
  /** The entity endpoint and the catalog lookup measured on their own, after the rounds. */
  alone: LatencyFigures[];
  /** The machine's 1-minute load average before and after the latency rounds. */
  loadAverages: number[];
}) {
  const [entity, overview, kubernetes] = result.latencies;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const row = (cells: string[]) =>
    `  ${cells[0].padEnd(62)}${cells
      .slice(1)
      .map(cell => cell.padStart(11))
      .join('')}`;
  const lines = [
    '',
    `portal benchmark, backend: ${describeBackendBuild(result.build)}`,
    `portal benchmark: ${CANARIES} Canaries (Initialized) across ${CLUSTERS.join(
      ' and ',
    )}, ${TEAMS} teams, entities linked by ${LINK}; ${result.entity} is in ${
      result.entityCluster
    }; ${result.team} owns ${result.teamSize}`,
    '',
    row(['request', 'n', 'p50', 'p99', 'mean', 'max', 'bytes']),
    ...result.latencies.map(figures =>
      row([
        figures.name,
        String(figures.samples),
        ms(figures.p50),
        ms(figures.p99),
        ms(figures.mean),
        ms(figures.max),
        String(result.sizes[figures.name] ?? ''),
      ]),
    ),
    '',
    `  sequential requests, interleaved, signed in as the guest; ${
      os.cpus().length
    } CPUs, 1-minute load average ${result.loadAverages
      .map(load => load.toFixed(1))
      .join(' -> ')}`,
    `  entity rollouts p99: ${ms(
      entity.p99,
    )} (target under ${ENTITY_TARGET_P99_MS} ms: ${
      entity.p99 < ENTITY_TARGET_P99_MS ? 'met' : 'NOT met'
    })`,
    `  alone (no other request in between): entity rollouts p50/p99 ${ms(
      result.alone[0].p50,
    )} / ${ms(result.alone[0].p99)} (target: ${
      result.alone[0].p99 < ENTITY_TARGET_P99_MS ? 'met' : 'NOT met'
    }); catalog lookup ${ms(result.alone[1].p50)} / ${ms(result.alone[1].p99)}`,
    `  overview (${result.teamSize} rollouts) p50/p99: ${ms(
      overview.p50,
    )} / ${ms(overview.p99)}`,
    `  Backstage kubernetes-backend / Vane, same entity: p50 ${(
      kubernetes.p50 / entity.p50
    ).toFixed(1)}x, p99 ${(kubernetes.p99 / entity.p99).toFixed(1)}x`,
  ];
  if (result.render.rendered) {
    const reloads = [...result.render.reloadsMs].sort((a, b) => a - b);
    const median = reloads.length
      ? reloads[Math.floor((reloads.length - 1) / 2)]
      : undefined;
    lines.push(
      `  overview page, navigation start to the first table row (${
        result.render.rows
      } rows): first visit ${ms(result.render.firstVisitMs)}${
        median === undefined
          ? ''
          : `, reloads median ${ms(median)} (${reloads
              .map(v => v.toFixed(0))
              .join(', ')} ms)`
      } (target under ${RENDER_TARGET_MS} ms: ${
        result.render.firstVisitMs < RENDER_TARGET_MS ? 'met' : 'NOT met'
      })`,
      `  screenshot: ${result.render.screenshot}`,
    );
  } else {
    lines.push(
      `  overview page NOT measured: ${result.render.reason}`,
      `  screenshot: ${result.render.screenshot}`,
    );
  }
  lines.push(
    '',
    '  setup:',
    ...result.setup.map(
      ([label, seconds]) => `    ${label.padEnd(70)}${seconds.toFixed(1)} s`,
    ),
    `    total${' '.repeat(65)}${((Date.now() - started) / 1000).toFixed(1)} s`,
    '',
  );
  process.stdout.write(lines.join('\n'));
}

main()
  .then(stopEverything)
  .catch(async error => {
    if (interruption.signal) {
      return; // the signal handler stops everything and exits
    }
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    await stopEverything();
    process.exit(1);
  });
