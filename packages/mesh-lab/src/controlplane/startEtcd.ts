import path from 'node:path';
import fs from 'node:fs';
import { ManagedProcess } from './ManagedProcess';
import { findFreePort } from './findFreePort';
import { waitFor } from './waitFor';

/** Starts a single-member etcd on 127.0.0.1 with its data under `dir`. */
export async function startEtcd(
  etcdBinary: string,
  dir: string,
): Promise<{
  process: ManagedProcess;
  url: string;
  /** Resolves once `process` (or the one started again in its place) reports itself healthy. */
  waitReady(process: ManagedProcess): Promise<void>;
}> {
  const clientPort = await findFreePort();
  const peerPort = await findFreePort();
  const url = `http://127.0.0.1:${clientPort}`;
  fs.mkdirSync(path.join(dir, 'etcd'), { recursive: true, mode: 0o700 });
  const proc = ManagedProcess.start(
    'etcd',
    etcdBinary,
    [
      '--name=lab',
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=lab=http://127.0.0.1:${peerPort}`,
      // A throwaway lab: a small snapshot threshold keeps the WAL replay short, nothing else matters.
      '--snapshot-count=5000',
      '--log-level=warn',
    ],
    { logFile: path.join(dir, 'etcd.log') },
  );
  const waitReady = async (running: ManagedProcess) => {
    await waitFor(
      `etcd health on ${url}`,
      async () => {
        running.assertRunning();
        const res = await fetch(`${url}/health`);
        return res.ok && ((await res.json()) as { health: string }).health === 'true';
      },
      { timeoutMs: 30_000 },
    );
  };
  await waitReady(proc);
  return { process: proc, url, waitReady };
}
