import { daemonSetWorkload } from './daemonSetWorkload';
import { deploymentWorkload } from './deploymentWorkload';
import type { WorkloadKind } from './WorkloadKind';

const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  deploymentWorkload,
  daemonSetWorkload,
];

/**
 * The workload kind of a `targetRef.kind`; throws for a kind Vane does not release (the
 * validator refuses those before the engine gets here).
 */
export function workloadKindOf(kind: string): WorkloadKind {
  const found = WORKLOAD_KINDS.find(workload => workload.kind === kind);
  if (!found) {
    throw new Error(
      `targetRef.kind must be ${WORKLOAD_KINDS.map(w => w.kind).join(' or ')} (got ${kind})`,
    );
  }
  return found;
}
