import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deriveDebSrcSources } from './deriveDebSrcSources';
import { FileLock } from './FileLock';
import { runCommand } from './runCommand';

/** Where the lab's real components live once prepared. */
export interface ControlPlaneBinaries {
  sourceVersion: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  etcd: string;
  prometheus: string;
}

export interface PrepareOptions {
  /** Defaults to $VANE_CACHE or ~/.cache/vane. */
  cacheDir?: string;
  /** Progress lines; defaults to stderr. */
  log?: (line: string) => void;
}

const APT_SOURCES_LIST = '/etc/apt/sources.list';
const APT_SOURCES_DIR = '/etc/apt/sources.list.d';
const DEB_SRC_FILE = path.join(APT_SOURCES_DIR, 'deb-src.sources');
const APT_PACKAGES = [
  'golang-go',
  'rsync',
  'jq',
  'etcd-server',
  'prometheus',
  'golang-github-modern-go-reflect2-dev',
];
const BINARIES = ['kube-apiserver', 'kube-controller-manager'];

export function defaultCacheDir(): string {
  return process.env.VANE_CACHE || path.join(os.homedir(), '.cache', 'vane');
}

/**
 * Makes sure kube-apiserver and kube-controller-manager (built from Debian's kubernetes source
 * package), etcd and Prometheus are available, building on first use and caching the result
 * outside the repo keyed by the source version, so that every later call takes well under a second.
 */
export async function prepareControlPlane(
  options: PrepareOptions = {},
): Promise<ControlPlaneBinaries> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[mesh-lab] ${line}\n`));
  const root = path.join(options.cacheDir ?? defaultCacheDir(), 'mesh-lab');

  const cached = findCached(root);
  if (cached) return cached;

  const lock = await FileLock.acquire(path.join(root, 'prepare.lock'), {
    onWait: pid =>
      log(`another process (pid ${pid}) is preparing the control plane; waiting for it`),
  });
  try {
    // The process that held the lock may have finished the job for us.
    return findCached(root) ?? (await build(root, log));
  } finally {
    lock.release();
  }
}

function findCached(root: string): ControlPlaneBinaries | undefined {
  const version = sourceVersion();
  const etcd = which('etcd');
  const prometheus = which('prometheus');
  if (!version || !etcd || !prometheus) return undefined;
  const binDir = path.join(root, version, 'bin');
  if (!fs.existsSync(path.join(binDir, 'complete'))) return undefined;
  return {
    sourceVersion: version,
    kubeApiserver: path.join(binDir, 'kube-apiserver'),
    kubeControllerManager: path.join(binDir, 'kube-controller-manager'),
    etcd,
    prometheus,
  };
}

async function build(
  root: string,
  log: (line: string) => void,
): Promise<ControlPlaneBinaries> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'mesh-lab: the control plane is not prepared yet and preparing it needs root (apt-get). ' +
        'Run `mesh-lab prepare` as root once, or set VANE_CACHE to a cache that has it.',
    );
  }
  fs.mkdirSync(root, { recursive: true });
  const logFile = path.join(root, 'prepare.log');
  log(`preparing the control plane; full log in ${logFile}`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

  enableSourcePackages(log);
  log('apt-get update');
  await runCommand('apt-get', ['update'], { env: aptEnv, logFile });
  log(`apt-get install ${APT_PACKAGES.join(' ')}`);
  await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], {
    env: aptEnv,
    logFile,
  });

  const version = sourceVersion();
  if (!version) throw new Error(`apt-cache showsrc kubernetes found no version; see ${logFile}`);
  const versionDir = path.join(root, version);
  const work = path.join(versionDir, 'build');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });

  log(`downloading Debian's kubernetes ${version} source into ${work}`);
  await runCommand('apt-get', ['source', '--download-only', 'kubernetes'], {
    cwd: work,
    env: aptEnv,
    logFile,
  });
  const orig = fs.readdirSync(work).find(f => /^kubernetes_.*\.orig\.tar\.gz$/.test(f));
  if (!orig) throw new Error(`No kubernetes_*.orig.tar.gz downloaded into ${work}`);
  log(`unpacking ${orig}`);
  await runCommand('tar', ['xzf', orig], { cwd: work, logFile });
  const srcName = fs
    .readdirSync(work)
    .find(f => f.startsWith('kubernetes-') && fs.statSync(path.join(work, f)).isDirectory());
  if (!srcName) throw new Error(`${orig} did not unpack into a kubernetes-* folder in ${work}`);
  const src = path.join(work, srcName);

  // Go 1.19 with the vendored reflect2 v1.0.1 makes the apiserver panic on every JSON request
  // holding a map; Debian's reflect2 1.0.2 supports Go >= 1.18.
  log('replacing vendored modern-go/reflect2 with Debian 1.0.2 (Go >= 1.18 fix)');
  const vendored = path.join(src, 'vendor/github.com/modern-go/reflect2');
  fs.rmSync(vendored, { recursive: true, force: true });
  fs.cpSync('/usr/share/gocode/src/github.com/modern-go/reflect2', vendored, {
    recursive: true,
    dereference: true,
  });
  fs.rmSync(path.join(vendored, 'go.mod'), { force: true });

  // Build the way debian/rules does: GOPATH layout, vendored dependencies, no network.
  fs.mkdirSync(path.join(src, '.go/src/k8s.io'), { recursive: true });
  fs.symlinkSync('../../..', path.join(src, '.go/src/k8s.io/kubernetes'));
  const goEnv = {
    ...process.env,
    GOPATH: path.join(src, '.go'),
    GOCACHE: path.join(work, 'gocache'),
    CGO_ENABLED: '0',
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
  };
  const started = Date.now();
  log(`building ${BINARIES.join(' and ')} (about 5 minutes on 2 cores)`);
  const heartbeat = setInterval(
    () => log(`still building (${Math.round((Date.now() - started) / 1000)} s)`),
    30_000,
  );
  try {
    await runCommand(
      'make',
      [`WHAT=${BINARIES.map(b => `cmd/${b}`).join(' ')}`],
      { cwd: src, env: goEnv, logFile },
    );
  } finally {
    clearInterval(heartbeat);
  }
  const binDir = path.join(versionDir, 'bin');
  fs.mkdirSync(binDir, { recursive: true });
  for (const binary of BINARIES) {
    fs.copyFileSync(path.join(src, '_output/local/bin/linux/amd64', binary), path.join(binDir, binary));
    fs.chmodSync(path.join(binDir, binary), 0o755);
  }
  fs.writeFileSync(
    path.join(binDir, 'complete'),
    `${JSON.stringify({ version, builtAt: new Date().toISOString() })}\n`,
  );
  log(`built in ${Math.round((Date.now() - started) / 1000)} s; cached in ${binDir}`);
  // The source tree and Go build cache are ~2 GB; only the binaries are worth keeping.
  fs.rmSync(work, { recursive: true, force: true });

  const cached = findCached(root);
  if (!cached) throw new Error(`Control plane built but etcd or prometheus is missing from PATH`);
  return cached;
}

/**
 * Writes the deb-src twins of the machine's own deb entries (whatever mirror it uses) to
 * DEB_SRC_FILE, or removes that file when the machine's entries already include deb-src.
 */
function enableSourcePackages(log: (line: string) => void): void {
  const files = [APT_SOURCES_LIST]
    .concat(
      fs.existsSync(APT_SOURCES_DIR)
        ? fs
            .readdirSync(APT_SOURCES_DIR)
            .filter(f => f.endsWith('.list') || f.endsWith('.sources'))
            .map(f => path.join(APT_SOURCES_DIR, f))
        : [],
    )
    .filter(f => f !== DEB_SRC_FILE && fs.existsSync(f))
    .map(f => ({ path: f, text: fs.readFileSync(f, 'utf8') }));
  const wanted = deriveDebSrcSources(files);
  const current = fs.existsSync(DEB_SRC_FILE) ? fs.readFileSync(DEB_SRC_FILE, 'utf8') : undefined;
  if (wanted === current) return;
  if (wanted === undefined) {
    log(`source packages are enabled by the machine's own entries; removing ${DEB_SRC_FILE}`);
    fs.rmSync(DEB_SRC_FILE);
    return;
  }
  log(`enabling source packages from the machine's archives (${DEB_SRC_FILE})`);
  fs.writeFileSync(DEB_SRC_FILE, wanted);
}

function sourceVersion(): string | undefined {
  try {
    const out = execFileSync('apt-cache', ['showsrc', 'kubernetes'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /^Version:\s*(\S+)/m.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/bin', '/usr/sbin'])) {
    const candidate = path.join(dir, binary);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
