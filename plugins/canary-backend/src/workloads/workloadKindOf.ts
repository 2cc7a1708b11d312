import { WORKLOAD_KINDS } from './WORKLOAD_KINDS';
import type { WorkloadKind } from './WorkloadKind';

/**
 * The workload kind of a `targetRef.kind`; undefined for a kind Vane does not release (the
 * validator refuses those before the engine gets there; the portal shows such a Canary without
 * its workloads).
 */
export function workloadKindOf(
  kind: string | undefined,
): WorkloadKind | undefined {
  return WORKLOAD_KINDS.find(workload => workload.kind === kind);
}
