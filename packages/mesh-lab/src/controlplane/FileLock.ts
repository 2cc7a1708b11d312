import fs from 'node:fs';
import path from 'node:path';

/**
 * A cross-process lock backed by an exclusively created file holding the owner's pid.
 * Two jest workers (or a test and `mesh-lab prepare`) must not build the control plane
 * at the same time; a lock left behind by a killed process is detected by its dead pid.
 */
export class FileLock {
  private constructor(private readonly file: string) {}

  static async acquire(
    file: string,
    options: { timeoutMs?: number; onWait?: (ownerPid: number) => void } = {},
  ): Promise<FileLock> {
    const timeoutMs = options.timeoutMs ?? 30 * 60_000;
    const deadline = Date.now() + timeoutMs;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let announced = false;
    for (;;) {
      try {
        const fd = fs.openSync(file, 'wx');
        fs.writeSync(fd, String(process.pid));
        fs.closeSync(fd);
        return new FileLock(file);
      } catch (e: any) {
        if (e.code !== 'EEXIST') throw e;
      }
      const owner = readOwner(file);
      if (owner === undefined || !isAlive(owner)) {
        // The owner died without releasing: take the lock over.
        fs.rmSync(file, { force: true });
        continue;
      }
      if (!announced) {
        options.onWait?.(owner);
        announced = true;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for lock ${file} held by pid ${owner}; ` +
            'if that process is stuck, kill it or delete the lock file',
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  release(): void {
    if (readOwner(this.file) === process.pid) fs.rmSync(this.file, { force: true });
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}
