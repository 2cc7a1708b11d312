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

/** How the backend runs: its production build, or its sources as `yarn start` runs them. */
export type BackendBuild =
  | {
      kind: 'production';
      /** The production build's directory (buildProduction). */
      dir: string;
    }
  | { kind: 'development' };

/** What a benchmark prints about the backend it measured. */
export function describeBackendBuild(build: BackendBuild): string {
  return build.kind === 'production'
    ? `production build (yarn build:backend; NODE_ENV=production node packages/backend, in ${build.dir})`
    : 'development (packages/backend/src/index.ts through the TypeScript transform, NODE_ENV=development)';
}

/**
 * Starts the backend with the repository's app-config files and the given config files on top,
 * and resolves once its readiness endpoint answers. The production build runs as Backstage's
 * deployment docs run it: `node packages/backend` from the build's directory, NODE_ENV=production,
 * with app-config.yaml and app-config.production.yaml. The development build runs
 * packages/backend/src/index.ts as `yarn start` does (Backstage's TypeScript transform,
 * NODE_ENV=development). Its output goes to `logFile`. The process dies with its parent
 * (setpriv --pdeathsig), even if that is killed outright.
 */
export async function startBackstageBackend(options: {
  build: BackendBuild;
  baseUrl: string;
  configFiles: string[];
  logFile: string;
}): Promise<BackstageBackendProcess> {
  const { build } = options;
  const packageDir = resolvePackagePath('backend');
  const repoRoot = path.resolve(packageDir, '../..');
  const configArgs = (files: string[]) =>
    [...files, ...options.configFiles].flatMap(file => ['--config', file]);
  const [cwd, args, nodeEnv] =
    build.kind === 'production'
      ? [
          build.dir,
          [
            'packages/backend',
            ...configArgs(['app-config.yaml', 'app-config.production.yaml']),
          ],
          'production',
        ]
      : [
          packageDir,
          [
            '--require',
            require.resolve('@backstage/cli/config/nodeTransform.cjs'),
            path.join(packageDir, 'src/index.ts'),
            ...configArgs([path.join(repoRoot, 'app-config.yaml')]),
          ],
          'development',
        ];
  const log = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(
    'setpriv',
    ['--pdeathsig', 'KILL', '--', process.execPath, ...args],
    {
      cwd,
      env: {
        ...process.env,
        NODE_ENV: nodeEnv,
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
