import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileLock } from '../controlplane/FileLock';
import { ManagedProcess } from '../controlplane/ManagedProcess';
import { findFreePort } from '../controlplane/findFreePort';
import { defaultCacheDir } from '../controlplane/prepareControlPlane';
import { waitFor } from '../controlplane/waitFor';

/** A PostgreSQL server of the machine's own (Debian's) installation, on 127.0.0.1, for tests and the portal. */
export interface LocalPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>`: the superuser, trusted from 127.0.0.1 only. */
  connectionString: string;
  port: number;
  /** The server's major version (15 on Debian 12), e.g. to pick Backstage's POSTGRES_15 test database. */
  majorVersion: number;
  dataDir: string;
  /** The postmaster's pid while the server runs. */
  pid(): number | undefined;
  /** Shuts the server down (fast shutdown) and keeps its data: a database outage. */
  stopServer(): Promise<void>;
  /** Starts the stopped server again, on the same port with the same data. */
  startServer(): Promise<void>;
  /** Shuts the server down and removes its data directory. */
  stop(): Promise<void>;
}

const POSTGRES_LIB = '/usr/lib/postgresql';

/** The bin directory of the newest PostgreSQL installed from Debian's packages. */
function findPostgresBin(): { bin: string; majorVersion: number } {
  const versions = fs.existsSync(POSTGRES_LIB)
    ? fs
        .readdirSync(POSTGRES_LIB)
        .filter(
          v =>
            /^\d+$/.test(v) &&
            fs.existsSync(path.join(POSTGRES_LIB, v, 'bin', 'postgres')),
        )
        .map(Number)
        .sort((a, b) => b - a)
    : [];
  if (versions.length === 0) {
    throw new Error(
      `No PostgreSQL server under ${POSTGRES_LIB}/<version>/bin: install Debian's postgresql package ` +
        '(apt-get install postgresql; scripts/test.sh and VANE_DB=postgres scripts/start.sh do it)',
    );
  }
  return {
    bin: path.join(POSTGRES_LIB, String(versions[0]), 'bin'),
    majorVersion: versions[0],
  };
}

/**
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` user that Debian's
 * package creates, as any other user it runs as that user.
 */
function serverUser(): string[] {
  if (process.getuid?.() !== 0) return [];
  return ['--reuid=postgres', '--regid=postgres', '--init-groups'];
}

function chownToServerUser(dir: string): void {
  if (process.getuid?.() === 0)
    execFileSync('chown', ['-R', 'postgres:postgres', dir]);
}

/**
 * An initdb'd data directory, made once per major version and kept in the cache: copying it takes
 * a fraction of initdb's three seconds on this machine.
 */
async function templateDataDir(
  bin: string,
  majorVersion: number,
  cacheDir: string,
): Promise<string> {
  const root = path.join(cacheDir, 'postgres', String(majorVersion));
  const template = path.join(root, 'template');
  const complete = path.join(root, 'complete');
  if (fs.existsSync(complete)) return template;
  const lock = await FileLock.acquire(path.join(root, 'template.lock'));
  try {
    if (fs.existsSync(complete)) return template;
    // initdb runs as the server's user, which may not reach the cache (root's home is 0700).
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vane-initdb-'));
    try {
      chownToServerUser(scratch);
      execFileSync(
        'setpriv',
        [
          ...serverUser(),
          '--',
          path.join(bin, 'initdb'),
          '--pgdata',
          path.join(scratch, 'data'),
          '--auth=trust',
          '--username=postgres',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--no-sync',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      fs.rmSync(template, { recursive: true, force: true });
      execFileSync('cp', ['-a', path.join(scratch, 'data'), template]);
      fs.writeFileSync(complete, `${new Date().toISOString()}\n`);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    return template;
  } finally {
    lock.release();
  }
}

/**
 * Starts a PostgreSQL server of its own: a fresh data directory in a temp dir, a free port on
 * 127.0.0.1, no Unix socket, durability switched off (a test database, thrown away). The server
 * dies with the Node process that started it (setpriv --pdeathsig).
 */
export async function startPostgres(
  options: { cacheDir?: string; log?: (line: string) => void } = {},
): Promise<LocalPostgres> {
  const { bin, majorVersion } = findPostgresBin();
  const template = await templateDataDir(
    bin,
    majorVersion,
    options.cacheDir ?? defaultCacheDir(),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vane-postgres-'));
  const dataDir = path.join(dir, 'data');
  execFileSync('cp', ['-a', template, dataDir]);
  chownToServerUser(dir);
  fs.chmodSync(dataDir, 0o700);
  const port = await findFreePort();
  const connectionString = `postgresql://postgres@127.0.0.1:${port}`;
  let server: ManagedProcess | undefined;

  const startServer = async () => {
    if (server?.running) return;
    server = ManagedProcess.start(
      'postgres',
      path.join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `port=${port}`,
        '-c',
        'unix_socket_directories=',
        // Backstage's TestDatabases opens a database (and a pool) per test, and each portal backend a
        // pool per plugin; Backstage's own test container allows as many.
        '-c',
        'max_connections=1000',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      {
        logFile: path.join(dir, 'postgres.log'),
        stopSignal: 'SIGINT',
        setprivArgs: serverUser(),
      },
    );
    const started = server;
    await waitFor(
      `PostgreSQL to accept connections on 127.0.0.1:${port}`,
      () => {
        started.assertRunning();
        try {
          execFileSync(path.join(bin, 'pg_isready'), [
            '-q',
            '-h',
            '127.0.0.1',
            '-p',
            String(port),
          ]);
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    options.log?.(
      `PostgreSQL ${majorVersion} (pid ${started.pid}) on ${connectionString}`,
    );
  };
  const stopServer = async () => {
    await server?.stop(10_000);
  };

  await startServer();
  return {
    connectionString,
    port,
    majorVersion,
    dataDir,
    pid: () => (server?.running ? server.pid : undefined),
    stopServer,
    startServer,
    async stop() {
      await stopServer();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
