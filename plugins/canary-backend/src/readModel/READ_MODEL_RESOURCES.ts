import { WORKLOAD_KINDS } from '../workloads/WORKLOAD_KINDS';

/**
 * The kinds the read model reads from the cluster caches, by controller, beside the workload
 * kinds a Canary targets (WORKLOAD_KINDS). A change to one of them may change an entity's
 * rollouts: the snapshot is taken again and the streams recompute.
 */
export const READ_MODEL_RESOURCES = {
  canary: { apiVersion: 'delivery.vane.dev/v1alpha1', kind: 'Canary' },
  argoRollout: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' },
  analysisRun: { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun' },
  argoReplicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  flaggerCanary: { apiVersion: 'flagger.app/v1beta1', kind: 'Canary' },
} as const;

const KINDS = new Set(
  [...Object.values(READ_MODEL_RESOURCES), ...WORKLOAD_KINDS].map(
    r => `${r.apiVersion} ${r.kind}`,
  ),
);

/** Whether a cached object is of a kind the read model reads. */
export function isReadModelObject(object: {
  apiVersion?: string;
  kind?: string;
}): boolean {
  return KINDS.has(`${object.apiVersion} ${object.kind}`);
}
