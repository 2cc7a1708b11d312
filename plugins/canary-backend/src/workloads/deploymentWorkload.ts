import { buildPrimaryWorkload, primaryTemplate } from './buildPrimaryWorkload';
import { PRIMARY_REVISION_ANNOTATION } from './buildPrimaryWorkload';
import type { WorkloadKind } from './WorkloadKind';

/**
 * A Deployment target, as Flagger's deployment controller releases it: scaled to zero replicas
 * between rollouts and up to the primary's replicas for analysis; readiness from its replica
 * counts, the ready threshold a percentage of its updated replicas.
 */
export const deploymentWorkload: WorkloadKind = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',

  pods(deployment) {
    const status = deployment?.status ?? {};
    const desired: number = deployment?.spec?.replicas ?? 1;
    const updated: number = status.updatedReplicas ?? 0;
    return {
      kind: 'Deployment',
      specObserved:
        (status.observedGeneration ?? 0) >=
        (deployment?.metadata?.generation ?? 0),
      scaledToZero: desired === 0,
      desired,
      updated,
      old: Math.max(0, (status.replicas ?? 0) - updated),
      available: status.availableReplicas ?? 0,
      thresholdOf: updated,
    };
  },

  releasedTemplate: deployment => deployment?.spec?.template,

  buildPrimary({ target, primaryName, revision, owner }) {
    return buildPrimaryWorkload({
      kind: 'Deployment',
      target,
      released: target.spec?.template,
      primaryName,
      revision,
      owner,
      spec: {
        replicas: target.spec?.replicas ?? 1,
        ...(target.spec?.strategy ? { strategy: target.spec.strategy } : {}),
        ...(target.spec?.minReadySeconds
          ? { minReadySeconds: target.spec.minReadySeconds }
          : {}),
      },
    });
  },

  promotion(target, revision) {
    return {
      metadata: { annotations: { [PRIMARY_REVISION_ANNOTATION]: revision } },
      spec: { template: primaryTemplate(target, target.spec?.template) },
    };
  },

  scaling(target, to, primary) {
    const replicas = to === 'zero' ? 0 : primary?.spec?.replicas ?? 1;
    return (target.spec?.replicas ?? 1) === replicas
      ? undefined
      : { spec: { replicas } };
  },
};
