import { computeRevision } from '../workloads/computeRevision';
import { configDataDigest } from '../workloads/configDataDigest';
import { configReferences } from '../workloads/configReferences';
import { deploymentReadiness } from '../workloads/deploymentReadiness';
import { PRIMARY_REVISION_ANNOTATION } from '../workloads/buildPrimaryDeployment';
import type { ObservedWorld } from './ObservedWorld';

/**
 * Builds the decision's view of the world from cached objects: the target and primary
 * Deployments and the ConfigMaps/Secrets the target references (missing ones count as empty,
 * so creating one later is a new revision).
 */
export function observeWorld(options: {
  now: string;
  target?: any;
  primary?: any;
  /** A referenced config as the cache holds it: with its `dataDigest` (`withDataDigest`). */
  findConfig: (
    kind: 'ConfigMap' | 'Secret',
    name: string,
  ) => { dataDigest: string } | undefined;
}): ObservedWorld {
  const { target, primary } = options;
  let targetView: ObservedWorld['target'] = { exists: false, ready: false };
  if (target) {
    const configs = configReferences(target.spec?.template).map(ref => {
      const object = options.findConfig(ref.kind, ref.name);
      return {
        kind: ref.kind,
        name: ref.name,
        dataDigest: object?.dataDigest ?? configDataDigest(undefined),
      };
    });
    const readiness = deploymentReadiness(target);
    targetView = {
      exists: true,
      revision: computeRevision(target.spec?.template, configs),
      ready: readiness.ready,
      ...(readiness.reason ? { notReadyReason: readiness.reason } : {}),
    };
  }
  const primaryView: ObservedWorld['primary'] = primary
    ? {
        exists: true,
        ready: deploymentReadiness(primary).ready,
        revision: primary.metadata?.annotations?.[PRIMARY_REVISION_ANNOTATION],
      }
    : { exists: false, ready: false };
  return { now: options.now, target: targetView, primary: primaryView };
}
