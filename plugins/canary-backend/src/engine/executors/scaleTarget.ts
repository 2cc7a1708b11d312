import { autoscalerKindOf } from '../../autoscalers/autoscalerKindOf';
import type { EngineAction } from '../EngineAction';
import type { EngineCluster } from '../EngineCluster';
import type { ExecutionContext } from './ActionExecutors';

/**
 * Scales the target to zero between rollouts or up for analysis, the way its kind is scaled (a
 * Deployment's replicas, a DaemonSet's node selector). As in Flagger, the target's own autoscaler
 * is told first: a KEDA ScaledObject is paused at zero before the target goes to zero and resumed
 * before it is scaled up, so KEDA never scales it back up between rollouts.
 */
export async function scaleTarget(
  { cache, writer }: EngineCluster,
  action: Extract<EngineAction, { type: 'scaleTarget' }>,
  { canary, spec, target, workload }: ExecutionContext,
): Promise<void> {
  const namespace = canary.metadata.namespace;
  const to = action.to === 0 ? 'zero' : 'up';
  const ref = spec.autoscalerRef;
  if (ref) {
    const kind = autoscalerKindOf(ref.kind);
    const apiVersion = kind.servedVersion(ref, cache);
    const autoscalerRef = apiVersion && {
      apiVersion,
      kind: ref.kind,
      namespace,
      name: ref.name,
    };
    // None served or none there: nothing scales the target but the engine.
    const autoscaler = autoscalerRef && cache.getNow(autoscalerRef);
    const patch = autoscaler && kind.scaling(autoscaler, to);
    if (autoscalerRef && patch) {
      await writer.patch(autoscalerRef, patch);
    }
  }
  const primary = cache.getNow({
    apiVersion: workload.apiVersion,
    kind: workload.kind,
    namespace,
    name: `${spec.targetRef.name}-primary`,
  });
  const patch = workload.scaling(target, to, primary);
  if (patch) {
    await writer.patch(
      {
        apiVersion: workload.apiVersion,
        kind: workload.kind,
        namespace,
        name: spec.targetRef.name,
      },
      patch,
    );
  }
}
