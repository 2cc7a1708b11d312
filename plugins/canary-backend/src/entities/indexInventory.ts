import type { Canary } from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';

type InventoryWorkload = ClusterInventory['workloads'][number];

/** Lookups over one cluster inventory, so linking an entity does not scan every object. */
export interface InventoryIndex {
  /** Canaries by `namespace/name`. */
  canaryByName: ReadonlyMap<string, Canary>;
  /** Canaries by `namespace/<targetRef.kind>/<targetRef.name>` of their target (targetKey). */
  canariesByTarget: ReadonlyMap<string, readonly Canary[]>;
  /** Workloads by `key=value` of each of their labels. */
  workloadsByLabel: ReadonlyMap<string, readonly InventoryWorkload[]>;
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
  const workloadsByLabel = new Map<string, InventoryWorkload[]>();
  for (const workload of inventory.workloads) {
    for (const [key, value] of Object.entries(workload.metadata.labels ?? {})) {
      push(workloadsByLabel, `${key}=${value}`, workload);
    }
  }
  return { canaryByName, canariesByTarget, workloadsByLabel };
}

/** The key of a Canary target in canariesByTarget: its namespace, kind and name. */
export function targetKey(
  namespace: string | undefined,
  kind: string,
  name: string,
): string {
  return `${namespace ?? 'default'}/${kind}/${name}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}
