import type { Canary } from '@vane/plugin-canary-common';
import type { ClusterInventory, InventoryObject } from './ClusterInventory';

type InventoryWorkload = ClusterInventory['workloads'][number];

/** Lookups over one cluster inventory, so linking an entity does not scan every object. */
export interface InventoryIndex {
  /** Canaries by `namespace/name`. */
  canaryByName: ReadonlyMap<string, Canary>;
  /** Canaries by `namespace/<targetRef.kind>/<targetRef.name>` of their target (targetKey). */
  canariesByTarget: ReadonlyMap<string, readonly Canary[]>;
  /** Workloads by `key=value` of each of their labels. */
  workloadsByLabel: ReadonlyMap<string, readonly InventoryWorkload[]>;
  /** Argo Rollouts by `namespace/name`, by `key=value` of their labels, and by the targetKey of their `spec.workloadRef`. */
  argoRolloutByName: ReadonlyMap<string, InventoryObject>;
  argoRolloutsByLabel: ReadonlyMap<string, readonly InventoryObject[]>;
  argoRolloutsByWorkload: ReadonlyMap<string, readonly InventoryObject[]>;
  /** Flagger Canaries by `namespace/name` and by the targetKey of their target. */
  flaggerCanaryByName: ReadonlyMap<string, InventoryObject>;
  flaggerCanariesByTarget: ReadonlyMap<string, readonly InventoryObject[]>;
  /** AnalysisRuns and Argo's ReplicaSets by the uid of the Rollout that owns them. */
  analysisRunsByOwner: ReadonlyMap<string, readonly InventoryObject[]>;
  replicaSetsByOwner: ReadonlyMap<string, readonly InventoryObject[]>;
}

// An inventory is a snapshot taken once per request; the overview links up to thousands of
// entities against the same snapshot, so its index is built once, on first use, and dropped
// with the snapshot.
const indexes = new WeakMap<ClusterInventory, InventoryIndex>();

/** The index of an inventory, built on first use. */
export function indexInventory(inventory: ClusterInventory): InventoryIndex {
  let index = indexes.get(inventory);
  if (!index) {
    index = buildIndex(inventory);
    indexes.set(inventory, index);
  }
  return index;
}

function buildIndex(inventory: ClusterInventory): InventoryIndex {
  const canaryByName = new Map<string, Canary>();
  const canariesByTarget = new Map<string, Canary[]>();
  for (const canary of inventory.canaries) {
    const { namespace, name } = canary.metadata;
    canaryByName.set(`${namespace}/${name}`, canary);
    const target = canary.spec?.targetRef;
    if (target?.kind && target.name) {
      push(
        canariesByTarget,
        targetKey(namespace, target.kind, target.name),
        canary,
      );
    }
  }
  const flaggerCanaryByName = new Map<string, InventoryObject>();
  const flaggerCanariesByTarget = new Map<string, InventoryObject[]>();
  for (const canary of inventory.flaggerCanaries ?? []) {
    const { namespace, name } = canary.metadata;
    flaggerCanaryByName.set(`${namespace}/${name}`, canary);
    const target = canary.spec?.targetRef;
    if (target?.kind && target.name) {
      push(
        flaggerCanariesByTarget,
        targetKey(namespace, target.kind, target.name),
        canary,
      );
    }
  }
  const argoRolloutByName = new Map<string, InventoryObject>();
  const argoRolloutsByWorkload = new Map<string, InventoryObject[]>();
  for (const rollout of inventory.argoRollouts ?? []) {
    const { namespace, name } = rollout.metadata;
    argoRolloutByName.set(`${namespace}/${name}`, rollout);
    const workload = rollout.spec?.workloadRef;
    if (workload?.kind && workload.name) {
      push(
        argoRolloutsByWorkload,
        targetKey(namespace, workload.kind, workload.name),
        rollout,
      );
    }
  }
  return {
    canaryByName,
    canariesByTarget,
    workloadsByLabel: byLabel(inventory.workloads),
    argoRolloutByName,
    argoRolloutsByLabel: byLabel(inventory.argoRollouts ?? []),
    argoRolloutsByWorkload,
    flaggerCanaryByName,
    flaggerCanariesByTarget,
    analysisRunsByOwner: byOwner(inventory.analysisRuns ?? []),
    replicaSetsByOwner: byOwner(inventory.argoReplicaSets ?? []),
  };
}

/** The key of a rollout's target in the *ByTarget maps: its namespace, kind and name. */
export function targetKey(
  namespace: string | undefined,
  kind: string,
  name: string,
): string {
  return `${namespace ?? 'default'}/${kind}/${name}`;
}

function byLabel<T extends { metadata: { labels?: Record<string, string> } }>(
  objects: readonly T[],
): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const object of objects) {
    for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
      push(index, `${key}=${value}`, object);
    }
  }
  return index;
}

function byOwner(objects: readonly InventoryObject[]) {
  const index = new Map<string, InventoryObject[]>();
  for (const object of objects) {
    for (const owner of object.metadata.ownerReferences ?? []) {
      if (owner.kind === 'Rollout' && owner.uid) {
        push(index, owner.uid, object);
      }
    }
  }
  return index;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}
