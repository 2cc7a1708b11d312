import type { Canary } from '@vane/plugin-canary-common';

/** An object linking reads: its name, namespace and labels, and its spec as the cluster holds it. */
export interface InventoryObject {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; apiVersion: string; uid?: string }>;
  };
  spec?: any;
  status?: any;
}

/**
 * What one cluster's caches hold that linking and the summaries need, read once per request so
 * that many entities are linked against the same snapshot. The kinds of rollouts Vane does not
 * drive are absent where the cluster does not serve them.
 */
export interface ClusterInventory {
  name: string;
  /** Why the cluster's caches cannot answer (unreachable, not synced yet); lists are then empty. */
  unavailable?: string;
  canaries: readonly Canary[];
  /** The workloads a Canary can target: Deployments and DaemonSets, each with its kind. */
  workloads: ReadonlyArray<{
    kind: string;
    metadata: {
      name: string;
      namespace?: string;
      labels?: Record<string, string>;
    };
  }>;
  /** Argo Rollouts' `Rollout`s. */
  argoRollouts?: readonly InventoryObject[];
  /** Argo Rollouts' AnalysisRuns and the ReplicaSets it made, found by their owner's uid. */
  analysisRuns?: readonly InventoryObject[];
  argoReplicaSets?: readonly InventoryObject[];
  /** Flagger's `Canary`s (flagger.app). */
  flaggerCanaries?: readonly InventoryObject[];
}
