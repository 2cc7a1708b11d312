import type { OperatorRequests } from './readOperatorRequests';

/**
 * What the engine saw of one Canary's world at a tick, read from the informer caches. Plain data,
 * so the decision can be a pure function with table tests.
 */
export interface ObservedWorld {
  /** The tick's time, ISO 8601. */
  now: string;
  /** The target Deployment (the canary workload). */
  target: {
    exists: boolean;
    /** Hash of its pod template and of the ConfigMaps/Secrets it references. */
    revision?: string;
    /** Rolled out, with every updated replica available (and at least one replica). */
    ready: boolean;
    /** Why it is not ready, for the status: "0 of 2 updated replicas are available". */
    notReadyReason?: string;
  };
  /** Pause and one-shot requests operators put on the Canary. */
  operator?: OperatorRequests;
  /** The `<name>-primary` Deployment. */
  primary: {
    exists: boolean;
    /** Rolled out and available. */
    ready: boolean;
    /** The target revision its template was last copied from. */
    revision?: string;
  };
}
