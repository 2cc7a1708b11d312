import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What `mesh-lab up` records so that `down`, `status` and `load` find the running lab. */
export interface LabState {
  name: string;
  /** The `mesh-lab up` process that owns the lab (its children die with it). */
  pid: number;
  startedAt: string;
  dataDir: string;
  kubeconfigPath: string;
  apiserverUrl: string;
  prometheusUrl: string;
  loadTesterUrl: string;
  metricsUrl: string;
  pids: Record<string, number>;
}

/** The known place for CLI labs: $MESH_LAB_STATE_DIR or <tmpdir>/vane-mesh-lab. */
export function labStateRoot(): string {
  return process.env.MESH_LAB_STATE_DIR || path.join(os.tmpdir(), 'vane-mesh-lab');
}

export function labStateFile(name: string): string {
  return path.join(labStateRoot(), `${name}.json`);
}

export function labDataDir(name: string): string {
  return path.join(labStateRoot(), name);
}

export function readLabState(name: string): LabState | undefined {
  try {
    return JSON.parse(fs.readFileSync(labStateFile(name), 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeLabState(state: LabState): void {
  fs.mkdirSync(labStateRoot(), { recursive: true });
  fs.writeFileSync(labStateFile(state.name), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function removeLabState(name: string): void {
  fs.rmSync(labStateFile(name), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}
