import type { CanaryStatus } from '@vane/plugin-canary-common';
import { workloadReadiness } from '../workloads/workloadReadiness';
import type { EngineAction } from './EngineAction';
import type { ObservedWorld } from './ObservedWorld';

/** What the engine does at one tick for a Canary being deleted with `revertOnDeletion`. */
export interface FinalizationDecision {
  actions: EngineAction[];
  /** The status to write while the hand-back waits; none once the finalizer goes. */
  status?: CanaryStatus;
}

/**
 * The hand-back of a deleted Canary's service to its target workload, as Flagger's finalizer
 * does it: Terminating; the target scaled back up to the primary's replicas; once it is ready
 * (or progressDeadlineSeconds after the deletion, with a warning, so a deletion never hangs for
 * good), the routing objects are restored or removed, the apex Service selects the target's pods
 * and is kept, and the finalizer is removed: garbage collection then takes the primary and the
 * rest. The target serves whatever its pod template says at that moment: that is what deleting
 * the Canary asks for.
 */
export function decideFinalization(
  canary: {
    name: string;
    namespace: string;
    targetKind: string;
    targetName: string;
    progressDeadlineSeconds: number;
    /** `analysis.canaryReadyThreshold`: the target is judged as the canary workload is. */
    canaryReadyThreshold?: number;
    deletionTimestamp: string;
    status: CanaryStatus;
  },
  observed: ObservedWorld,
): FinalizationDecision {
  const target = `${canary.targetKind} ${canary.namespace}/${canary.targetName}`;
  const actions: EngineAction[] = [];
  if (canary.status.phase !== 'Terminating') {
    actions.push({
      type: 'event',
      severity: 'Normal',
      message: `Terminating canary ${canary.name}.${canary.namespace}: handing traffic back to ${target}`,
    });
  }

  const handBack = (event: EngineAction): FinalizationDecision => ({
    actions: [
      ...actions,
      { type: 'handBackTraffic' },
      event,
      { type: 'removeFinalizer' },
    ],
  });

  if (!observed.target.exists) {
    return handBack({
      type: 'event',
      severity: 'Warning',
      message: `${target} not found: restored the routing objects only; the Canary's primary goes with it`,
    });
  }
  const readiness = workloadReadiness(
    observed.target.pods,
    canary.canaryReadyThreshold,
  );
  if (readiness.ready) {
    return handBack({
      type: 'event',
      severity: 'Normal',
      message: `Traffic handed back to ${target}; the primary and the Canary's Services go with the Canary`,
    });
  }

  const waitedMs =
    Date.parse(observed.now) - Date.parse(canary.deletionTimestamp);
  if (waitedMs >= canary.progressDeadlineSeconds * 1000) {
    return handBack({
      type: 'event',
      severity: 'Warning',
      message: `Traffic handed back to ${target} although it is not ready after progressDeadlineSeconds (${canary.progressDeadlineSeconds}s): ${readiness.reason}`,
    });
  }
  const reason = `Waiting for ${target} to be ready before handing traffic back to it: ${readiness.reason}`;
  return {
    actions: [...actions, { type: 'scaleTarget', to: 'primaryReplicas' }],
    status: {
      ...canary.status,
      phase: 'Terminating',
      reason,
    },
  };
}
