import type { Canary } from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';

type InventoryDeployment = ClusterInventory['deployments'][number];

/** Lookups over one cluster inventory, so linking an entity does not scan every object. */
export interface InventoryIndex {
  /** Canaries by `namespace/name`. */
  canaryByName: ReadonlyMap<string, Canary>;
  /** Canaries by `namespace/<targetRef.name>` of a Deployment target. */
  canariesByTarget: ReadonlyMap<string, readonly Canary[]>;
  /** Deployments by `key=value` of each of their labels. */
  deploymentsByLabel: ReadonlyMap<string, readonly InventoryDeployment[]>;
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
    if (target?.kind === 'Deployment' && target.name) {
      push(canariesByTarget, `${namespace}/${target.name}`, canary);
    }
  }
  const deploymentsByLabel = new Map<string, InventoryDeployment[]>();
  for (const deployment of inventory.deployments) {
    for (const [key, value] of Object.entries(
      deployment.metadata.labels ?? {},
    )) {
      push(deploymentsByLabel, `${key}=${value}`, deployment);
    }
  }
  return { canaryByName, canariesByTarget, deploymentsByLabel };
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}
