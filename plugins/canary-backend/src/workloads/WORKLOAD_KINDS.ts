import { daemonSetWorkload } from './daemonSetWorkload';
import { deploymentWorkload } from './deploymentWorkload';
import type { WorkloadKind } from './WorkloadKind';

/** The kinds of workload a Canary releases (`targetRef.kind`), as Flagger: one implementation each. */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  deploymentWorkload,
  daemonSetWorkload,
];
