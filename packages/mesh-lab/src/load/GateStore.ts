/** Which of flagger-loadtester's two switch families a key belongs to. */
export type GateKind = 'gate' | 'rollback';

/**
 * flagger-loadtester's in-memory gate storage (pkg/loadtester/gate.go): one switch per Canary,
 * closed until opened, for the `/gate/*` endpoints and another for `/rollback/*`. Keys are built
 * as flagger-loadtester builds them (`<name>.<namespace>`, `rollback.<name>.<namespace>`), so a
 * payload opens exactly what it would open there; nothing survives a restart, as there.
 */
export class GateStore {
  private readonly open = new Map<string, boolean>();

  set(kind: GateKind, canary: { name: string; namespace: string }, open: boolean): void {
    this.open.set(keyOf(kind, canary), open);
  }

  isOpen(kind: GateKind, canary: { name: string; namespace: string }): boolean {
    return this.open.get(keyOf(kind, canary)) ?? false;
  }
}

function keyOf(kind: GateKind, { name, namespace }: { name: string; namespace: string }): string {
  return kind === 'gate' ? `${name}.${namespace}` : `rollback.${name}.${namespace}`;
}
