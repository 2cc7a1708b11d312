import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  Canary,
  CanaryRollout,
  CanaryRolloutError,
} from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { findEntityCanaries } from './findEntityCanaries';
import { chooseMeshProvider } from '../routers/chooseMeshProvider';
import type { RolloutCluster } from './RolloutCluster';
import { summarizeRollout } from './summarizeRollout';

/** The kinds an inventory holds: a change to one of them makes the cluster's snapshot stale. */
const INVENTORY_KINDS = new Set(['Canary', 'Deployment']);

/**
 * Reads entities' rollouts from the clusters' informer caches: no request to a cluster per call.
 * An unavailable cluster becomes an error entry; the others still answer.
 */
export class RolloutReader {
  /**
   * Each synced cluster's last inventory, kept until its cache reports a Canary or Deployment
   * change: linking indexes the inventory (indexInventory), and an entity page asks every few
   * seconds, so an unchanged cluster is not re-listed and re-indexed per request.
   */
  private readonly snapshots = new WeakMap<
    RolloutCluster,
    { inventory?: ClusterInventory }
  >();

  constructor(private readonly clusters: () => readonly RolloutCluster[]) {}

  /** A snapshot of every cluster's Canaries and Deployments, to link many entities against. */
  inventories(): ClusterInventory[] {
    return this.clusters().map(cluster => {
      if (!cluster.synced) {
        // A relist after a reconnect need not report each object as changed: start afresh.
        const stale = this.snapshots.get(cluster);
        if (stale) {
          stale.inventory = undefined;
        }
        return {
          name: cluster.config.name,
          unavailable:
            cluster.error ??
            `Cluster ${cluster.config.name}: connecting, its caches are not synced yet`,
          canaries: [],
          deployments: [],
        };
      }
      let snapshot = this.snapshots.get(cluster);
      if (!snapshot) {
        const created: { inventory?: ClusterInventory } = {};
        cluster.cache.onChange((_verb, object) => {
          if (INVENTORY_KINDS.has(object.kind)) {
            created.inventory = undefined;
          }
        });
        this.snapshots.set(cluster, created);
        snapshot = created;
      }
      snapshot.inventory ??= {
        name: cluster.config.name,
        canaries: cluster.cache.list(
          'delivery.vane.dev/v1alpha1',
          'Canary',
        ) as unknown as Canary[],
        deployments: cluster.cache.list('apps/v1', 'Deployment') as any[],
      };
      return snapshot.inventory;
    });
  }

  entityRollouts(
    entity: Entity,
    inventories: ClusterInventory[] = this.inventories(),
  ): { items: CanaryRollout[]; errors: CanaryRolloutError[] } {
    const entityRef = stringifyEntityRef(entity);
    const found = findEntityCanaries(entity, inventories);
    const byName = new Map(this.clusters().map(c => [c.config.name, c]));
    const items = found.canaries.map(({ cluster: name, canary }) => {
      const cluster = byName.get(name)!;
      const { namespace } = canary.metadata;
      const targetName = canary.spec?.targetRef?.name;
      const deployment = (deploymentName: string) =>
        cluster.cache.getNow({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace,
          name: deploymentName,
        });
      return summarizeRollout({
        cluster: name,
        entityRef,
        canary,
        provider: providerOf(cluster, canary),
        target: targetName ? deployment(targetName) : undefined,
        primary: targetName ? deployment(`${targetName}-primary`) : undefined,
        events: cluster.events.forCanary(namespace, canary.metadata.name),
      });
    });
    return { items, errors: found.errors };
  }
}

/** The provider the engine routes this Canary with, by the engine's own rule. */
function providerOf(cluster: RolloutCluster, canary: Canary) {
  try {
    return chooseMeshProvider({
      specProvider: canary.spec?.provider,
      clusterDefault: cluster.config.defaultProvider,
      apiGroups: cluster.cache.apiGroups,
      clusterName: cluster.config.name,
    }).provider;
  } catch {
    // The engine reports this on the Canary's status; show what the spec asks for.
    return canary.spec?.provider;
  }
}
