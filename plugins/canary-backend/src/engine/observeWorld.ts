import { computeRevision } from '../workloads/computeRevision';
import { configDataDigest } from '../workloads/configDataDigest';
import { configReferences } from '../workloads/configReferences';
import { PRIMARY_REVISION_ANNOTATION } from '../workloads/buildPrimaryWorkload';
import type { WorkloadKind } from '../workloads/WorkloadKind';
import type { ObservedWorld } from './ObservedWorld';

/**
 * Builds the decision's view of the world from cached objects: the target and primary workloads
 * of the target's kind, and the ConfigMaps/Secrets the target references (missing ones count as
 * empty, so creating one later is a new revision).
 */
export function observeWorld(options: {
  now: string;
  workload: WorkloadKind;
  target?: any;
  primary?: any;
  /** A referenced config as the cache holds it: with its `dataDigest` (`withDataDigest`). */
  findConfig: (
    kind: 'ConfigMap' | 'Secret',
    name: string,
  ) => { dataDigest: string } | undefined;
}): ObservedWorld {
  const { workload, target, primary } = options;
  let targetView: ObservedWorld['target'] = { exists: false };
  if (target) {
    const released = workload.releasedTemplate(target);
    const configs = configReferences(released).map(ref => {
      const object = options.findConfig(ref.kind, ref.name);
      return {
        kind: ref.kind,
        name: ref.name,
        dataDigest: object?.dataDigest ?? configDataDigest(undefined),
      };
    });
    targetView = {
      exists: true,
      revision: computeRevision(released, configs),
      pods: workload.pods(target),
    };
  }
  const primaryView: ObservedWorld['primary'] = primary
    ? {
        exists: true,
        pods: workload.pods(primary),
        revision: primary.metadata?.annotations?.[PRIMARY_REVISION_ANNOTATION],
      }
    : { exists: false };
  return { now: options.now, target: targetView, primary: primaryView };
}
