import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { waitFor } from '../controlplane/waitFor';
import type { LabState } from './labState';

const BIN = path.resolve(__dirname, '../../bin/mesh-lab');
const FIRST_START_TIMEOUT_MS = 30 * 60_000;

/** A process state from /proc: a zombie has exited and holds no port, only its pid entry. */
function isGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * The pids listening on a TCP port of 127.0.0.1, from /proc: other labs of the same test run may
 * take a port this lab freed, so "refused" alone cannot be the check.
 */
function listenersOf(port: number): number[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set(
    fs
      .readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map(line => line.trim().split(/\s+/))
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is the tenth column.
      .filter(cols => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A')
      .map(cols => `socket:[${cols[9]}]`),
  );
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of fs.readdirSync(`/proc/${entry}/fd`)) {
        if (inodes.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          pids.push(Number(entry));
          break;
        }
      }
    } catch {
      // The process ended while we looked, or its fds are not ours to read.
    }
  }
  return pids;
}

/** Whether a port is free of this lab: nobody listens, or only processes outside its data dir. */
function heldByLab(port: number, dataDir: string): boolean {
  return listenersOf(port).some(pid => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
    } catch {
      return false;
    }
  });
}

function get(url: string, token: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { headers: { Authorization: `Bearer ${token}` }, ca }, res => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('mesh-lab CLI', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-lab-cli-test-'));
  const env = { ...process.env, MESH_LAB_STATE_DIR: stateDir };
  const children: ChildProcess[] = [];

  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      execFile(
        process.execPath,
        [BIN, '--name', 'cli-test', ...args],
        { env },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number(error.code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    });

  const up = async (configOut?: string) => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        '--name',
        'cli-test',
        'up',
        ...(configOut ? ['--config-out', configOut] : []),
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let output = '';
    child.stdout!.on('data', d => (output += d));
    child.stderr!.on('data', d => (output += d));
    const stateFile = path.join(stateDir, 'cli-test.json');
    const state = await waitFor(
      '`mesh-lab up` to record its running lab',
      () => {
        if (child.exitCode !== null)
          throw new Error(`mesh-lab up exited ${child.exitCode}: ${output}`);
        return output.includes('is up') && fs.existsSync(stateFile)
          ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as LabState)
          : undefined;
      },
      {
        timeoutMs: FIRST_START_TIMEOUT_MS,
        intervalMs: 500,
        observe: () => output.slice(-2000),
      },
    );
    return { child, state, output: () => output };
  };

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it(
    'runs a lab that kubectl-style clients reach with the engine token, sets load, and stops it with `down`',
    async () => {
      const configOut = path.join(stateDir, 'app-config.lab.yaml');
      const { state } = await up(configOut);

      const config = YAML.parse(fs.readFileSync(configOut, 'utf8'));
      const cluster = config.canary.clusters[0];
      expect(cluster).toMatchObject({
        name: 'lab',
        url: state.apiserverUrl,
        authProvider: 'serviceAccount',
        prometheus: { url: state.prometheusUrl },
      });
      const ca = Buffer.from(cluster.caData, 'base64').toString('utf8');
      // The engine's ServiceAccount may read routing objects but not delete pods.
      expect(
        await get(
          `${cluster.url}/apis/networking.istio.io/v1beta1/virtualservices`,
          cluster.serviceAccountToken,
          ca,
        ),
      ).toBe(200);
      expect(
        await get(
          `${cluster.url}/api/v1/namespaces/default/secrets`,
          cluster.serviceAccountToken,
          ca,
        ),
      ).toBe(200);
      expect(
        await get(
          `${cluster.url}/api/v1/nodes`,
          cluster.serviceAccountToken,
          ca,
        ),
      ).toBe(403);
      expect(fs.existsSync(state.kubeconfigPath)).toBe(true);

      const load = await run(
        'load',
        'podinfo',
        '--rps',
        '10',
        '-n',
        'default',
        '--header',
        'X-Canary: insider',
      );
      expect(load).toMatchObject({ code: 0 });
      const throughGateway = await run(
        'load',
        '--gateway',
        'istio-system/istio-ingressgateway',
        '--host',
        'app.example.com',
        '--rps',
        '5',
      );
      expect(throughGateway).toMatchObject({ code: 0 });
      const noGateway = await run('load', '--gateway', 'istio-system/missing', '--rps', '5');
      expect(noGateway.code).toBe(1);
      expect(noGateway.stderr).toContain(
        'load tester answered 400: PUT /loads: load gateway: no gateway istio-system/missing',
      );
      const status = await run('status');
      expect(status.stdout).toContain('running since');
      expect(status.stdout).toContain('default/podinfo: 10 rps');
      expect(status.stdout).toContain(
        'gateway istio-system/istio-ingressgateway, Host app.example.com: 5 rps',
      );

      const down = await run('down');
      expect(down.stdout).toContain('stopped');
      for (const [component, pid] of Object.entries(state.pids)) {
        expect({ component, gone: isGone(pid) }).toEqual({
          component,
          gone: true,
        });
      }
      expect(
        heldByLab(Number(new URL(state.apiserverUrl).port), state.dataDir),
      ).toBe(false);
      expect(fs.existsSync(path.join(stateDir, 'cli-test.json'))).toBe(false);
      expect((await run('status')).stdout).toContain('not running');
    },
    FIRST_START_TIMEOUT_MS,
  );

  it(
    'leaves no process or port behind when the process that started the lab is killed with SIGKILL',
    async () => {
      const { child, state } = await up();
      child.kill('SIGKILL');
      await waitFor(
        'every lab process to die with its parent (setpriv --pdeathsig KILL)',
        () => Object.values(state.pids).every(isGone),
        {
          timeoutMs: 10_000,
          observe: () =>
            JSON.stringify(
              Object.entries(state.pids).filter(([, pid]) => !isGone(pid)),
            ),
        },
      );
      for (const url of [state.apiserverUrl, state.prometheusUrl]) {
        expect({
          url,
          heldByLab: heldByLab(Number(new URL(url).port), state.dataDir),
        }).toEqual({ url, heldByLab: false });
      }
      // `down` still cleans up the record of a lab whose owner died.
      expect((await run('down')).code).toBe(0);
      expect(fs.existsSync(path.join(stateDir, 'cli-test.json'))).toBe(false);
    },
    FIRST_START_TIMEOUT_MS,
  );
});
