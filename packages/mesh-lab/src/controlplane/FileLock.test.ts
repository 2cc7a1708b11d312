import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileLock } from './FileLock';

describe('FileLock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-lab-lock-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a second holder wait until the first releases, so the control plane is built once', async () => {
    const file = path.join(dir, 'prepare.lock');
    const first = await FileLock.acquire(file);
    const waited: number[] = [];
    let secondHeld = false;
    const second = FileLock.acquire(file, { onWait: pid => waited.push(pid) }).then(lock => {
      secondHeld = true;
      return lock;
    });
    await new Promise(r => setTimeout(r, 700));
    expect(secondHeld).toBe(false);
    expect(waited).toEqual([process.pid]);
    first.release();
    (await second).release();
    expect(secondHeld).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('takes over a lock whose holder died without releasing it', async () => {
    const file = path.join(dir, 'stale.lock');
    // pid_max on Linux is at most 2^22: this pid cannot be alive.
    fs.writeFileSync(file, '99999999');
    const lock = await FileLock.acquire(file, { timeoutMs: 2000 });
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
