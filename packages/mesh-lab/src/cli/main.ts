import { Command, InvalidArgumentError } from 'commander';
import fs from 'node:fs';
import { prepareControlPlane } from '../controlplane/prepareControlPlane';
import { waitFor } from '../controlplane/waitFor';
import { startLab } from '../lab/startLab';
import { startPostgres } from '../postgres/startPostgres';
import { postgresEnvironment } from '../postgres/postgresEnvironment';
import { applyObjects, parseManifests } from '../cluster/applyObjects';
import { runBenchmark } from '../bench/runBenchmark';
import { KubeConfig } from '@kubernetes/client-node';
import { ReleaseDriver } from '../release/ReleaseDriver';
import { appConfigFragment } from './appConfigFragment';
import {
  isAlive,
  labDataDir,
  labStateFile,
  readLabState,
  removeLabState,
  writeLabState,
} from './labState';

const program = new Command('mesh-lab')
  .description(
    'A real Kubernetes control plane and Prometheus with a simulated kubelet and mesh data plane, on 127.0.0.1',
  )
  .option(
    '--name <name>',
    'lab name (several labs can run side by side)',
    'default',
  );

const intArg = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`not a non-negative number: ${v}`);
  return n;
};

program
  .command('prepare')
  .description(
    'install (apt, as root) and build the control plane once; later runs take seconds',
  )
  .action(async () => {
    const b = await prepareControlPlane();
    console.log(JSON.stringify(b, null, 2));
  });

program
  .command('up')
  .description(
    'start a lab in the foreground; Ctrl-C or `mesh-lab down` stops it',
  )
  .option(
    '--config-out <file>',
    'write the canary.clusters app-config fragment to this file',
  )
  .option(
    '--ready-delay <ms>',
    'how long pods take to become Ready',
    intArg,
    1000,
  )
  .option(
    '--load-tester-port <port>',
    'fixed port for the load tester (default: a free one)',
    intArg,
  )
  .option(
    '--image-behaviour <image=errorRate[,latencyMs]>',
    'how pods running an image answer, e.g. ghcr.io/stefanprodan/podinfo:6.0.1=0.3 (repeatable)',
    (v: string, all: string[]) => [...all, v],
    [] as string[],
  )
  .option(
    '--apply <file>',
    'apply a YAML manifest once the lab is up (repeatable)',
    (v: string, all: string[]) => [...all, v],
    [] as string[],
  )
  .option(
    '--load <ns/name[@host]=rps>',
    'background load once the lab is up (repeatable): on a Service from inside the mesh (test/podinfo=20), or through a gateway with a Host header (istio-system/istio-ingressgateway@app.example.com=20)',
    (v: string, all: string[]) => [...all, v],
    [] as string[],
  )
  .action(
    async (opts: {
      configOut?: string;
      readyDelay: number;
      loadTesterPort?: number;
      imageBehaviour: string[];
      apply: string[];
      load: string[];
    }) => {
      const name: string = program.opts().name;
      const existing = readLabState(name);
      if (existing && isAlive(existing.pid)) {
        throw new Error(
          `Lab "${name}" is already running (mesh-lab up, pid ${existing.pid}); run \`mesh-lab down\` first`,
        );
      }
      const dataDir = labDataDir(name);
      fs.rmSync(dataDir, { recursive: true, force: true });
      const lab = await startLab({
        dataDir,
        readyDelayMs: opts.readyDelay,
        loadTesterPort: opts.loadTesterPort,
        imageBehaviours: Object.fromEntries(
          opts.imageBehaviour.map(spec => {
            const m = /^(.+)=([\d.]+)(?:,([\d.]+))?$/.exec(spec);
            if (!m)
              throw new Error(
                `--image-behaviour wants image=errorRate[,latencyMs], got ${spec}`,
              );
            return [
              m[1],
              {
                errorRate: Number(m[2]),
                ...(m[3] ? { latencyMs: Number(m[3]) } : {}),
              },
            ];
          }),
        ),
      });
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.error(`[mesh-lab] ${signal}: stopping lab "${name}"`);
        await lab.stop();
        removeLabState(name);
        fs.rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGHUP', () => void shutdown('SIGHUP'));

      writeLabState({
        name,
        pid: process.pid,
        startedAt: new Date().toISOString(),
        dataDir,
        kubeconfigPath: lab.kubeconfigPath,
        apiserverUrl: lab.apiserverUrl,
        prometheusUrl: lab.prometheusUrl,
        loadTesterUrl: lab.loadTesterUrl,
        metricsUrl: lab.metricsUrl,
        pids: lab.pids,
      });
      for (const file of opts.apply) {
        const applied = await applyObjects(
          lab.kubeConfig,
          parseManifests(fs.readFileSync(file, 'utf8')),
        );
        console.error(
          `[mesh-lab] applied ${applied.length} objects from ${file}`,
        );
      }
      for (const spec of opts.load) {
        const match = spec.match(
          /^([a-z0-9-]+)\/([a-z0-9-]+)(?:@([a-z0-9.*-]+))?=(\d+)$/,
        );
        if (!match)
          throw new InvalidArgumentError(
            `--load wants <namespace>/<service>=<rps> or <namespace>/<gateway>@<host>=<rps>, got ${spec}`,
          );
        const [, namespace, target, host, rps] = match;
        // A gateway (its Service or a Gateway API Gateway) takes the load from outside.
        const gateway = `${namespace}/${target}`;
        const isGateway = !('error' in lab.dataPlane.findGateway(gateway));
        lab.setLoad(
          isGateway
            ? { gateway, host, rps: Number(rps) }
            : {
                namespace,
                service: target,
                rps: Number(rps),
                ...(host ? { headers: { host } } : {}),
              },
        );
      }
      const fragment = appConfigFragment(lab.clusterConfig());
      if (opts.configOut)
        fs.writeFileSync(opts.configOut, fragment, { mode: 0o600 });
      console.log(`mesh lab "${name}" is up (pid ${process.pid})

  kubeconfig:   ${lab.kubeconfigPath}      (export KUBECONFIG=${
        lab.kubeconfigPath
      })
  apiserver:    ${lab.apiserverUrl}
  prometheus:   ${lab.prometheusUrl}
  load tester:  ${lab.loadTesterUrl}      (Flagger webhook URL)
  state:        ${labStateFile(name)}

canary.clusters for app-config${
        opts.configOut ? ` (also written to ${opts.configOut})` : ''
      }:
${fragment}`);
    },
  );

program
  .command('postgres')
  .description(
    "start a PostgreSQL of its own (Debian's postgresql package) on 127.0.0.1 in the foreground; SIGTERM stops it and removes its data",
  )
  .option(
    '--env-out <file>',
    "once it accepts connections, write its connection string as environment lines (VANE_POSTGRES_URL and Backstage's BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING) to this file",
  )
  .action(async (opts: { envOut?: string }) => {
    const postgres = await startPostgres({
      log: line => console.error(`[mesh-lab] ${line}`),
    });
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.error(`[mesh-lab] ${signal}: stopping PostgreSQL`);
      await postgres.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGHUP', () => void shutdown('SIGHUP'));
    const env = postgresEnvironment(postgres);
    if (opts.envOut) fs.writeFileSync(opts.envOut, env, { mode: 0o600 });
    console.log(env.trimEnd());
  });

program
  .command('down')
  .description('stop the lab that `mesh-lab up` started')
  .action(async () => {
    const name: string = program.opts().name;
    const state = readLabState(name);
    if (!state) {
      console.log(`No lab "${name}" recorded in ${labStateFile(name)}`);
      return;
    }
    if (isAlive(state.pid)) {
      process.kill(state.pid, 'SIGTERM');
      try {
        await waitFor(
          `mesh-lab up (pid ${state.pid}) to stop its lab`,
          () => !isAlive(state.pid),
          {
            timeoutMs: 30_000,
          },
        );
      } catch {
        // Its children run under pdeathsig: killing the owner takes them down too.
        process.kill(state.pid, 'SIGKILL');
      }
    }
    for (const [component, pid] of Object.entries(state.pids)) {
      if (isAlive(pid) && ownedBy(pid, state.dataDir)) {
        process.kill(pid, 'SIGKILL');
        console.log(`killed leftover ${component} (pid ${pid})`);
      }
    }
    removeLabState(name);
    fs.rmSync(state.dataDir, { recursive: true, force: true });
    console.log(`lab "${name}" stopped`);
  });

program
  .command('status')
  .description('show whether the lab runs, its URLs and its loads')
  .action(async () => {
    const name: string = program.opts().name;
    const state = readLabState(name);
    if (!state || !isAlive(state.pid)) {
      console.log(`lab "${name}": not running`);
      process.exitCode = 1;
      return;
    }
    const loads = await fetch(`${state.loadTesterUrl}/loads`)
      .then(r => r.json())
      .catch(() => []);
    const prometheusReady = await fetch(`${state.prometheusUrl}/-/ready`)
      .then(r => r.ok)
      .catch(() => false);
    console.log(`lab "${name}": running since ${
      state.startedAt
    } (mesh-lab up pid ${state.pid})
  kubeconfig:  ${state.kubeconfigPath}
  apiserver:   ${state.apiserverUrl}
  prometheus:  ${state.prometheusUrl} (${
      prometheusReady ? 'ready' : 'NOT ready'
    })
  load tester: ${state.loadTesterUrl}
  processes:   ${Object.entries(state.pids)
    .map(([c, pid]) => `${c}=${pid}${isAlive(pid) ? '' : ' (dead)'}`)
    .join(' ')}
  loads:       ${(loads as any[]).length === 0 ? 'none' : ''}`);
    for (const l of loads as any[]) {
      const target = l.gateway
        ? `gateway ${l.gateway}, Host ${l.host ?? "(the gateway's address)"}`
        : `${l.namespace}/${l.host}`;
      console.log(
        `    ${target}: ${l.rps} rps, ${l.sent} sent, codes ${JSON.stringify(
          l.codes,
        )}`,
      );
    }
  });

program
  .command('load [service]')
  .description(
    'set background load (rps 0 stops it): on a Service from inside the mesh, or through a gateway with --gateway',
  )
  .requiredOption('--rps <n>', 'requests per second', intArg)
  .option(
    '-n, --namespace <ns>',
    'namespace of the Service (or service.namespace as <service>)',
    'default',
  )
  .option(
    '--gateway <ns/name>',
    'send the load to this gateway instead (north-south): an Istio gateway Service, e.g. istio-system/istio-ingressgateway, or a Gateway API Gateway, e.g. gateway-system/lab-gateway',
  )
  .option(
    '--host <host>',
    "with --gateway: the Host header (default: the gateway's address, as `hey http://$INGRESS_IP/` sends)",
  )
  .option('--path <path>', 'request path, e.g. /status/500 or /delay/1', '/')
  .option(
    '--header <k:v>',
    'request header (repeatable)',
    (v: string, all: string[]) => [...all, v],
    [] as string[],
  )
  .option(
    '--clients <n>',
    'send as n sticky clients in turn, each keeping the cookies its answers set (default: every request a new client)',
    intArg,
  )
  .action(
    async (
      service: string | undefined,
      opts: {
        rps: number;
        namespace: string;
        gateway?: string;
        host?: string;
        path: string;
        header: string[];
        clients?: number;
      },
    ) => {
      const name: string = program.opts().name;
      const state = readLabState(name);
      if (!state || !isAlive(state.pid))
        throw new Error(
          `lab "${name}" is not running; start it with \`mesh-lab up\``,
        );
      if (Boolean(service) === Boolean(opts.gateway))
        throw new InvalidArgumentError(
          'name either a <service> (load from inside the mesh) or --gateway <ns/name> (load through it)',
        );
      if (opts.host && !opts.gateway)
        throw new InvalidArgumentError(
          '--host is the Host header at a gateway: use it with --gateway (or --header host:<host>)',
        );
      const headers = Object.fromEntries(
        opts.header.map(h => {
          const i = h.indexOf(':');
          if (i <= 0) throw new Error(`--header wants k:v, got ${h}`);
          return [h.slice(0, i).trim().toLowerCase(), h.slice(i + 1).trim()];
        }),
      );
      let [host, ns]: Array<string | undefined> = [opts.host, undefined];
      if (service) {
        [host, ns] = service.includes('.')
          ? service.split('.', 2)
          : [service, opts.namespace];
      }
      const res = await fetch(`${state.loadTesterUrl}/loads`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          host,
          namespace: ns,
          gateway: opts.gateway,
          rps: opts.rps,
          headers,
          path: opts.path,
          clients: opts.clients,
        }),
      });
      if (!res.ok)
        throw new Error(
          `load tester answered ${res.status}: ${(await res.text()).trim()}`,
        );
      const target = opts.gateway
        ? `gateway ${opts.gateway}${host ? `, Host ${host}` : ''}`
        : `${ns}/${host}`;
      console.log(
        `${target}: ${opts.rps} rps${
          Object.keys(headers).length ? ` with ${JSON.stringify(headers)}` : ''
        }${opts.clients ? ` from ${opts.clients} sticky clients` : ''}`,
      );
    },
  );

program
  .command('bench')
  .description(
    'measure the CPU a lab uses with N Services under load (all its processes, from /proc)',
  )
  .option('--services <n>', 'number of canaried Services', intArg, 20)
  .option('--rps <n>', 'requests per second per Service', intArg, 50)
  .option('--seconds <n>', 'measurement window', intArg, 60)
  .action(async (opts: { services: number; rps: number; seconds: number }) => {
    await runBenchmark(opts);
  });

program
  .command('release-driver')
  .description(
    "keep releasing new images of a Deployment through its Canary (the demo's live rollouts); stops with the lab",
  )
  .requiredOption(
    '--deployment <ns/name>',
    'the Deployment to release, e.g. test/podinfo',
  )
  .requiredOption('--container <name>', 'its container to set the image of')
  .option(
    '--canary <name>',
    'the Canary that rolls it out (default: the Deployment name)',
  )
  .requiredOption(
    '--good <images>',
    'comma-separated images that behave well, released in turn',
  )
  .option(
    '--faulty <image>',
    'an image the lab makes misbehave (--image-behaviour of up)',
  )
  .option(
    '--faulty-every <n>',
    'every n-th release is the faulty image (0: never)',
    intArg,
    3,
  )
  .option(
    '--pause <seconds>',
    'how long a finished rollout stays on screen before the next release',
    intArg,
    90,
  )
  .action(
    async (opts: {
      deployment: string;
      container: string;
      canary?: string;
      good: string;
      faulty?: string;
      faultyEvery: number;
      pause: number;
    }) => {
      const name: string = program.opts().name;
      const state = readLabState(name);
      if (!state || !isAlive(state.pid))
        throw new Error(
          `lab "${name}" is not running; start it with \`mesh-lab up\``,
        );
      const match = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(opts.deployment);
      if (!match)
        throw new InvalidArgumentError(
          `--deployment wants <namespace>/<name>, got ${opts.deployment}`,
        );
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(state.kubeconfigPath);
      const driver = new ReleaseDriver({
        kubeConfig,
        target: {
          namespace: match[1],
          deployment: match[2],
          container: opts.container,
          canary: opts.canary ?? match[2],
        },
        goodImages: opts.good.split(',').filter(Boolean),
        faultyImage: opts.faulty,
        faultyEvery: opts.faultyEvery,
        pauseMs: opts.pause * 1000,
        // The driver belongs to the lab: it stops when the lab's process is gone.
        keepGoing: () => isAlive(state.pid),
        log: line =>
          console.log(`${new Date().toISOString()} [release driver] ${line}`),
      });
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
        process.on(signal, () => driver.stop());
      await driver.run();
    },
  );

/** Only kill a recorded pid if it still is one of this lab's processes (pids get reused). */
function ownedBy(pid: number, dataDir: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
  } catch {
    return false;
  }
}

program.parseAsync(process.argv).catch(e => {
  console.error(`mesh-lab: ${e.message}`);
  process.exit(1);
});
