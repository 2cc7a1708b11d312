import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  Canary,
  CanaryRollout,
  CanaryRolloutError,
} from '@vane/plugin-canary-common';
import { summarizeArgoRollout } from './argoRollouts/summarizeArgoRollout';
import type { ClusterInventory } from './ClusterInventory';
import { FoundRollout, findEntityRollouts } from './findEntityRollouts';
import { summarizeFlaggerCanary } from './flagger/summarizeFlaggerCanary';
import { indexInventory } from './indexInventory';
import {
  isReadModelObject,
  READ_MODEL_RESOURCES,
} from './READ_MODEL_RESOURCES';
import type { RolloutCluster } from './RolloutCluster';
import { summarizeRollout } from './summarizeRollout';
import { WORKLOAD_KINDS } from '../workloads/WORKLOAD_KINDS';
import { workloadKindOf } from '../workloads/workloadKindOf';

/**
 * Reads entities' rollouts from the clusters' informer caches, whatever drives them (Vane, Argo
 * Rollouts, Flagger): no request to a cluster per call. An unavailable cluster becomes an error
 * entry; the others still answer.
 */
export class RolloutReader {
  /**
   * Each synced cluster's last inventory, kept until its cache reports a change of a kind the
   * read model reads: linking indexes the inventory (indexInventory), and an entity page asks
   * every few seconds, so an unchanged cluster is not re-listed and re-indexed per request.
   */
  private readonly snapshots = new WeakMap<
    RolloutCluster,
    { inventory?: ClusterInventory }
  >();

  constructor(private readonly clusters: () => readonly RolloutCluster[]) {}

  /** A snapshot of every cluster's rollouts and workloads, to link many entities against. */
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
          workloads: [],
        };
      }
      let snapshot = this.snapshots.get(cluster);
      if (!snapshot) {
        const created: { inventory?: ClusterInventory } = {};
        cluster.cache.onChange((_verb, object) => {
          if (isReadModelObject(object)) {
            created.inventory = undefined;
          }
        });
        this.snapshots.set(cluster, created);
        snapshot = created;
      }
      const list = (resource: { apiVersion: string; kind: string }) =>
        cluster.cache.list(resource.apiVersion, resource.kind) as any[];
      snapshot.inventory ??= {
        name: cluster.config.name,
        canaries: list(READ_MODEL_RESOURCES.canary) as Canary[],
        workloads: WORKLOAD_KINDS.flatMap(list),
        argoRollouts: list(READ_MODEL_RESOURCES.argoRollout),
        analysisRuns: list(READ_MODEL_RESOURCES.analysisRun),
        argoReplicaSets: list(READ_MODEL_RESOURCES.argoReplicaSet),
        flaggerCanaries: list(READ_MODEL_RESOURCES.flaggerCanary),
      };
      return snapshot.inventory;
    });
  }

  entityRollouts(
    entity: Entity,
    inventories: ClusterInventory[] = this.inventories(),
  ): { items: CanaryRollout[]; errors: CanaryRolloutError[] } {
    const entityRef = stringifyEntityRef(entity);
    const found = findEntityRollouts(entity, inventories);
    const byName = new Map(this.clusters().map(c => [c.config.name, c]));
    const inventoryOf = new Map(inventories.map(i => [i.name, i]));
    const items = found.rollouts.map(rollout =>
      this.summarize(
        rollout,
        byName.get(rollout.cluster)!,
        inventoryOf.get(rollout.cluster)!,
        entityRef,
      ),
    );
    return { items, errors: found.errors };
  }

  private summarize(
    found: FoundRollout,
    cluster: RolloutCluster,
    inventory: ClusterInventory,
    entityRef: string,
  ): CanaryRollout {
    const { name } = found.object.metadata;
    const namespace = found.object.metadata.namespace ?? '';
    // A rollout's target (and its primary) of the target's kind, one the engine releases.
    const workload = (
      ref: { kind?: string; name?: string } | undefined,
      suffix = '',
    ) => {
      const kind = workloadKindOf(ref?.kind);
      return kind && ref?.name
        ? cluster.cache.getNow({
            apiVersion: kind.apiVersion,
            kind: kind.kind,
            namespace,
            name: `${ref.name}${suffix}`,
          })
        : undefined;
    };
    switch (found.controller) {
      case 'vane': {
        const canary = found.object;
        const targetRef = canary.spec?.targetRef;
        return summarizeRollout({
          cluster: found.cluster,
          entityRef,
          canary,
          provider: providerOf(cluster, canary),
          target: workload(targetRef),
          primary: workload(targetRef, '-primary'),
          events: cluster.events.forCanary(namespace, name),
        });
      }
      case 'flagger': {
        const targetRef = found.object.spec?.targetRef;
        return summarizeFlaggerCanary({
          cluster: found.cluster,
          entityRef,
          canary: found.object as any,
          target: workload(targetRef),
          primary: workload(targetRef, '-primary'),
          events: cluster.events.forCanary(namespace, name, 'flagger.app'),
        });
      }
      default: {
        const index = indexInventory(inventory);
        const uid = found.object.metadata.uid ?? '';
        return summarizeArgoRollout({
          cluster: found.cluster,
          entityRef,
          rollout: found.object as any,
          replicaSets: (index.replicaSetsByOwner.get(uid) ?? []) as any[],
          analysisRuns: (index.analysisRunsByOwner.get(uid) ?? []) as any[],
          workload: workload(found.object.spec?.workloadRef) as any,
        });
      }
    }
  }
}

/** The provider the engine routes this Canary with, by the engine's own rule. */
function providerOf(cluster: RolloutCluster, canary: Canary) {
  try {
    return cluster.meshes.choose({
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
