import type {
  Canary,
  CanaryStatus,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { MeshRouter } from '@vane/plugin-canary-node';
import type { WorkloadKind } from '../../workloads/WorkloadKind';
import type { EngineAction } from '../EngineAction';

/** What an executor acts on: the Canary of this tick and what the engine read with it. */
export interface ExecutionContext {
  canary: Canary;
  spec: ValidCanarySpec;
  router: MeshRouter;
  /** The kind of the target (and of its primary): Deployment or DaemonSet. */
  workload: WorkloadKind;
  /** The target workload as cached this tick. */
  target: any;
  /** The target's revision this tick (its pod template and the data of the configs it reads). */
  revision?: string;
  /**
   * The status decided this tick: post-rollout hooks are told the phase the rollout ended in, and
   * routers get the cookies of the routes they write.
   */
  decided?: CanaryStatus;
}

/**
 * One executor per kind of EngineAction. A mapped type, so a new kind of action does not compile
 * until it has its executor.
 */
export type ActionExecutors = {
  readonly [Type in EngineAction['type']]: (
    action: Extract<EngineAction, { type: Type }>,
    context: ExecutionContext,
  ) => Promise<void>;
};
