import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

/** A Backstage backend running the canary plugin in a process of its own. */
export interface EngineProcess {
  pid: number;
  port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Null while it runs; its exit code (or the signal that ended it) after. */
  exitCode(): number | string | null;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit: the crash of scenario 4. */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts plugins/canary-backend/dev/index.ts (createBackend + the canary plugin) with the given
 * app-config, on a free port on 127.0.0.1; or, given `productionDir`, the portal's production
 * build (scripts/build-production.sh) as Backstage's deployment docs run it: `node
 * packages/backend` from that directory, NODE_ENV=production, with its app-config.yaml and
 * app-config.production.yaml under the given config. The process dies with the test process
 * (setpriv --pdeathsig), so a crashed test leaves no engine behind.
 */
export async function startEngineProcess(options: {
  name: string;
  config: Record<string, unknown>;
  /** Extra Node.js flags for the backend process (NODE_OPTIONS). */
  nodeOptions?: string;
  /**
   * `canary`: the canary plugin alone (dev/index.ts). `portal`: the backend the portal runs
   * (packages/backend: catalog with the examples, guest sign-in, Vane's permission policy,
   * notifications) on top of app-config.yaml, as a replica of a production Backstage.
   */
  backend?: 'canary' | 'portal';
  /** backend.database; an in-memory SQLite by default. */
  database?: Record<string, unknown>;
  /**
   * The directory of the portal's production build, to run it (`node packages/backend`, the
   * portal's backend) instead of the TypeScript sources.
   */
  productionDir?: string;
}): Promise<EngineProcess> {
  const port = await freePort();
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), `vane-engine-${options.name}-`),
  );
  const configFile = path.join(dir, 'app-config.yaml');
  fs.writeFileSync(
    configFile,
    YAML.stringify({
      app: { baseUrl: `http://127.0.0.1:${port}` },
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: options.database ?? {
          client: 'better-sqlite3',
          connection: ':memory:',
        },
      },
      ...options.config,
    }),
  );
  const packageDir = resolvePackagePath('@vane/plugin-canary-backend');
  const [cwd, args] = backendCommand(packageDir, configFile, options);
  const child: ChildProcess = spawn(
    'setpriv',
    ['--pdeathsig', 'KILL', '--', process.execPath, ...args],
    {
      cwd,
      env: {
        ...process.env,
        ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
        NODE_ENV: options.productionDir ? 'production' : 'development',
        LOG_LEVEL: 'info',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );

  const waitForOutput = async (pattern: RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null) {
        throw new Error(
          `Engine ${options.name} exited (${
            child.exitCode
          }) before printing ${pattern}:\n${output.slice(-3000)}`,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Engine ${
            options.name
          } did not print ${pattern} within ${timeoutMs} ms:\n${output.slice(
            -3000,
          )}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  };

  const engine: EngineProcess = {
    pid: child.pid!,
    port,
    output: () => output,
    exitCode: () => child.exitCode ?? child.signalCode,
    waitForOutput,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  await waitForOutput(/Plugin initialization complete/, 120_000);
  return engine;
}

/** Where the backend runs and its Node.js arguments: the production build, the portal, or the plugin alone. */
function backendCommand(
  packageDir: string,
  configFile: string,
  options: { productionDir?: string; backend?: 'canary' | 'portal' },
): [string, string[]] {
  const transform = [
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
  ];
  if (options.productionDir) {
    return [
      options.productionDir,
      [
        'packages/backend',
        ...[
          'app-config.yaml',
          'app-config.production.yaml',
          configFile,
        ].flatMap(file => ['--config', file]),
      ],
    ];
  }
  if (options.backend === 'portal') {
    // The portal's backend reads its catalog locations relative to packages/backend.
    const portalDir = path.resolve(packageDir, '../../packages/backend');
    return [
      portalDir,
      [
        ...transform,
        path.join(portalDir, 'src/index.ts'),
        '--config',
        path.resolve(portalDir, '../../app-config.yaml'),
        '--config',
        configFile,
      ],
    ];
  }
  return [
    packageDir,
    [
      ...transform,
      path.join(packageDir, 'dev/index.ts'),
      '--config',
      configFile,
    ],
  ];
}
