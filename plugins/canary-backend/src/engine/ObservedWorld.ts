import type { WorkloadPods } from '../workloads/WorkloadPods';
import type { OperatorRequests } from './readOperatorRequests';

/**
 * What the engine saw of one Canary's world at a tick, read from the informer caches. Plain data,
 * so the decision can be a pure function with table tests.
 */
export interface ObservedWorld {
  /** The tick's time, ISO 8601. */
  now: string;
  /** The target workload (the canary workload): a Deployment or a DaemonSet. */
  target: {
    exists: boolean;
    /** Hash of its released pod template and of the ConfigMaps/Secrets it references. */
    revision?: string;
    /**
     * Its pods as its controller counts them: the decision judges its readiness against
     * `analysis.canaryReadyThreshold` (workloadReadiness).
     */
    pods?: WorkloadPods;
  };
  /** Pause and one-shot requests operators put on the Canary. */
  operator?: OperatorRequests;
  /** The `<name>-primary` workload, of the target's kind. */
  primary: {
    exists: boolean;
    /** Its pods, judged against `analysis.primaryReadyThreshold`. */
    pods?: WorkloadPods;
    /** The target revision its template was last copied from. */
    revision?: string;
  };
}
