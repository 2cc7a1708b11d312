import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The production build of the portal (scripts/build-production.sh: `yarn tsc`, `yarn
 * build:backend`, the bundle unpacked with its production dependencies installed), built unless
 * it is up to date with the sources. Resolves to its directory, from which `node
 * packages/backend` starts the backend. The script's output goes to `logFile`.
 */
export async function buildProduction(logFile: string): Promise<string> {
  const repoRoot = path.resolve(resolvePackagePath('backend'), '../..');
  const log = fs.openSync(logFile, 'w');
  // Not jest's NODE_ENV=test: the build is the one users make.
  const env = { ...process.env };
  delete env.NODE_ENV;
  const child = spawn('bash', ['scripts/build-production.sh'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', log],
  });
  fs.closeSync(log);
  let stdout = '';
  child.stdout!.on('data', chunk => (stdout += chunk));
  const code = await new Promise<number | null>(resolve =>
    child.once('exit', resolve),
  );
  const dir = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !fs.existsSync(path.join(dir, 'packages/backend'))) {
    throw new Error(
      `scripts/build-production.sh failed (exit ${code}); its log (${logFile}) ends with:\n${fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .slice(-30)
        .join('\n')}`,
    );
  }
  return dir;
}
