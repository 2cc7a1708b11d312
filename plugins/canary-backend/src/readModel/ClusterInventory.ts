import type { Canary } from '@vane/plugin-canary-common';

/**
 * What one cluster's caches hold that linking needs, read once per request so that many
 * entities are linked against the same snapshot.
 */
export interface ClusterInventory {
  name: string;
  /** Why the cluster's caches cannot answer (unreachable, not synced yet); lists are then empty. */
  unavailable?: string;
  canaries: readonly Canary[];
  deployments: ReadonlyArray<{
    metadata: {
      name: string;
      namespace?: string;
      labels?: Record<string, string>;
    };
  }>;
}
