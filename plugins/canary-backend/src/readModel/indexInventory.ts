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
  const canaries = byNameAndTarget(
    inventory.canaries,
    canary => canary.spec?.targetRef,
  );
  const flaggerCanaries = byNameAndTarget(
    inventory.flaggerCanaries ?? [],
    canary => canary.spec?.targetRef,
  );
  const argoRollouts = byNameAndTarget(
    inventory.argoRollouts ?? [],
    rollout => rollout.spec?.workloadRef,
  );
  return {
    canaryByName: canaries.byName,
    canariesByTarget: canaries.byTarget,
    workloadsByLabel: byLabel(inventory.workloads),
    argoRolloutByName: argoRollouts.byName,
    argoRolloutsByLabel: byLabel(inventory.argoRollouts ?? []),
    argoRolloutsByWorkload: argoRollouts.byTarget,
    flaggerCanaryByName: flaggerCanaries.byName,
    flaggerCanariesByTarget: flaggerCanaries.byTarget,
    analysisRunsByOwner: byOwner(inventory.analysisRuns ?? []),
    replicaSetsByOwner: byOwner(inventory.argoReplicaSets ?? []),
  };
}

/** Objects by `namespace/name`, and by the targetKey of the workload `targetOf` names. */
function byNameAndTarget<
  T extends { metadata: { name: string; namespace?: string } },
>(
  objects: readonly T[],
  targetOf: (object: T) => { kind?: string; name?: string } | undefined,
) {
  const byName = new Map<string, T>();
  const byTarget = new Map<string, T[]>();
  for (const object of objects) {
    const { namespace, name } = object.metadata;
    byName.set(`${namespace}/${name}`, object);
    const target = targetOf(object);
    if (target?.kind && target.name) {
      push(byTarget, targetKey(namespace, target.kind, target.name), object);
    }
  }
  return { byName, byTarget };
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
