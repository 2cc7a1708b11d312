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
 * app-config, on a free port on 127.0.0.1. The process dies with the test process
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
}): Promise<EngineProcess> {
  const port = await freePort();
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), `vane-engine-${options.name}-`),
  );
  const configFile = path.join(dir, 'app-config.yaml');
  fs.writeFileSync(
    configFile,
    YAML.stringify({
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
  // The portal's backend reads its catalog locations relative to packages/backend.
  const portalDir = path.resolve(packageDir, '../../packages/backend');
  const portal = options.backend === 'portal';
  const cwd = portal ? portalDir : packageDir;
  const entry = portal
    ? [
        path.join(portalDir, 'src/index.ts'),
        '--config',
        path.resolve(portalDir, '../../app-config.yaml'),
      ]
    : [path.join(packageDir, 'dev/index.ts')];
  const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
  const child: ChildProcess = spawn(
    'setpriv',
    [
      '--pdeathsig',
      'KILL',
      '--',
      process.execPath,
      '--require',
      transform,
      ...entry,
      '--config',
      configFile,
    ],
    {
      cwd,
      env: {
        ...process.env,
        NODE_ENV: 'development',
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
