import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { waitFor } from '@vane/mesh-lab';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The Vane backend (packages/backend) running in a process of its own. */
export interface BackstageBackendProcess {
  pid: number;
  baseUrl: string;
  /** SIGTERM by pid and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts packages/backend/src/index.ts, as `yarn start` does (Backstage's TypeScript transform,
 * NODE_ENV=development for the guest sign-in), with the repository's app-config.yaml and the
 * given config files on top. Its output goes to `logFile`. The process dies with the benchmark
 * (setpriv --pdeathsig), even if the benchmark is killed outright.
 */
export async function startBackstageBackend(options: {
  baseUrl: string;
  configFiles: string[];
  logFile: string;
}): Promise<BackstageBackendProcess> {
  const packageDir = resolvePackagePath('backend');
  const repoRoot = path.resolve(packageDir, '../..');
  const log = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(
    'setpriv',
    [
      '--pdeathsig',
      'KILL',
      '--',
      process.execPath,
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(packageDir, 'src/index.ts'),
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      ...options.configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: packageDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const exitedEarly = () =>
    child.exitCode !== null || child.signalCode !== null;
  const outcome = await waitFor(
    `the backend at ${options.baseUrl} to be ready (log: ${options.logFile})`,
    async () => {
      if (exitedEarly()) {
        return 'exited';
      }
      const response = await fetch(
        `${options.baseUrl}/.backstage/health/v1/readiness`,
      ).catch(() => undefined);
      return response?.ok && 'ready';
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  ).catch(async error => {
    await stop();
    throw error;
  });
  if (outcome === 'exited') {
    throw new Error(
      `The backend exited (${
        child.exitCode ?? child.signalCode
      }) before it was ready; its log is ${options.logFile}`,
    );
  }
  return { pid: child.pid!, baseUrl: options.baseUrl, stop };
}
