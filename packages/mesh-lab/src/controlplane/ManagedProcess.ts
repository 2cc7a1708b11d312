import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * One of the lab's long-running children (etcd, apiserver, ...). It is started under
 * `setpriv --pdeathsig KILL`, so the kernel kills it when the Node process that started it
 * dies, even by SIGKILL (a jest worker killed on timeout must not leak an apiserver).
 */
export class ManagedProcess {
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined = undefined;

  private constructor(
    readonly name: string,
    readonly logFile: string,
    private readonly child: ChildProcess,
    private readonly stopSignal: NodeJS.Signals,
    private readonly spawnedWith: SpawnSpec,
  ) {
    this.exited = new Promise(resolve => {
      child.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve(code);
      });
      child.on('error', () => {
        this.exitCode = -1;
        resolve(-1);
      });
    });
  }

  static start(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions,
  ): ManagedProcess {
    const log = fs.openSync(options.logFile, 'a');
    try {
      const setprivArgs = [...(options.setprivArgs ?? []), '--pdeathsig', 'KILL', '--'];
      const child = spawn('setpriv', [...setprivArgs, command, ...args], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', log, log],
      });
      if (!child.pid) throw new Error(`Could not start ${name} (${command})`);
      return new ManagedProcess(name, options.logFile, child, options.stopSignal ?? 'SIGTERM', {
        command,
        args,
        options,
      });
    } finally {
      fs.closeSync(log);
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Throws with the tail of the log when the process has died, so start-up failures say why. */
  assertRunning(): void {
    if (!this.running) {
      throw new Error(
        `${this.name} exited (code ${this.exitCode}); last log lines from ${this.logFile}:\n${tail(this.logFile)}`,
      );
    }
  }

  /**
   * The same binary with the same arguments, environment and log file (so the same ports and
   * data) as a new process: a stopped component started again. Throws while this one runs.
   */
  startAgain(): ManagedProcess {
    if (this.running) throw new Error(`${this.name} (pid ${this.pid}) is still running: stop it first`);
    const { command, args, options } = this.spawnedWith;
    return ManagedProcess.start(this.name, command, args, options);
  }

  /**
   * The stop signal (SIGTERM unless told, or `signal`: SIGKILL for a crash), then SIGKILL after
   * the grace period; resolves once the pid is gone.
   */
  async stop(graceMs = 5000, signal: NodeJS.Signals = this.stopSignal): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

interface SpawnOptions {
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What asks it to shut down (PostgreSQL's fast shutdown is SIGINT; SIGTERM waits for clients). */
  stopSignal?: NodeJS.Signals;
  /** setpriv options put before --pdeathsig, e.g. to run as another user (set first, since a uid change clears the death signal). */
  setprivArgs?: string[];
}

interface SpawnSpec {
  command: string;
  args: string[];
  options: SpawnOptions;
}

export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
