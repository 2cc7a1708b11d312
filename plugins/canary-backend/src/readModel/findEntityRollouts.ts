import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  Canary,
  CanaryRef,
  CanaryRolloutError,
  parseCanaryAnnotation,
  parseRolloutAnnotation,
  RolloutController,
} from '@vane/plugin-canary-common';
import type { ClusterInventory, InventoryObject } from './ClusterInventory';
import { entityClusters } from './entityClusters';
import { entityWorkloadSelector } from './entityWorkloadSelector';
import { indexInventory, targetKey } from './indexInventory';

/** One rollout of an entity in one cluster: the object of the controller that drives it. */
export type FoundRollout =
  | { cluster: string; controller: 'vane'; object: Canary }
  | {
      cluster: string;
      controller: Exclude<RolloutController, 'vane'>;
      object: InventoryObject;
    };

/** The rollouts of an entity, and why some may be missing. */
export interface EntityRollouts {
  rollouts: FoundRollout[];
  errors: CanaryRolloutError[];
}

/** One cluster's rollouts as they are found, each with the controller that drives it. */
class FoundRollouts {
  readonly rollouts: FoundRollout[] = [];

  constructor(private readonly cluster: string) {}

  add(controller: 'vane', objects: ReadonlyArray<Canary | undefined>): void;
  add(
    controller: Exclude<RolloutController, 'vane'>,
    objects: ReadonlyArray<InventoryObject | undefined>,
  ): void;
  add(
    controller: RolloutController,
    objects: ReadonlyArray<Canary | InventoryObject | undefined>,
  ): void {
    for (const object of objects) {
      if (object) {
        this.rollouts.push({
          cluster: this.cluster,
          controller,
          object,
        } as FoundRollout);
      }
    }
  }
}

/**
 * Finds an entity's rollouts in the clusters' caches (ARCHITECTURE.md, "Linking entities to
 * rollouts"), whatever drives them. An entity that names its rollouts has those: Vane Canaries
 * in `vane.dev/canary`, Argo Rollouts and Flagger Canaries in `vane.dev/rollout`. Otherwise
 * Backstage's Kubernetes annotations select workloads (Deployments, DaemonSets), and the Vane and
 * Flagger Canaries that target them and the Argo Rollouts that reference them
 * (`spec.workloadRef`) belong to the
 * entity, as do the Argo Rollouts the annotations select by their own labels. An entity with
 * none of these has no rollouts; unlike Backstage's Kubernetes plugin we do not fall back to the
 * entity's name, so a rollout never shows on an entity that did not ask for it.
 *
 * Clusters the entity does not look at (`backstage.io/kubernetes-cluster`) are neither searched
 * nor reported when unavailable.
 */
export function findEntityRollouts(
  entity: Entity,
  clusters: readonly ClusterInventory[],
): EntityRollouts {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const errors: CanaryRolloutError[] = [];
  const fail = (message: string): EntityRollouts => ({
    rollouts: [],
    errors: [{ entityRef, message: `Entity ${entityRef}: ${message}` }],
  });

  const namedCanaries = annotations[CANARY_ANNOTATIONS.canary];
  const namedRollouts = annotations[CANARY_ANNOTATIONS.rollout];
  const explicit = namedCanaries !== undefined || namedRollouts !== undefined;
  const selection = entityWorkloadSelector(annotations);
  if (!explicit && !selection) {
    return { rollouts: [], errors: [] };
  }

  const { searched, unknown } = entityClusters(annotations, clusters);
  for (const name of unknown) {
    errors.push({
      cluster: name,
      entityRef,
      message: `Entity ${entityRef}: ${
        CANARY_ANNOTATIONS.kubernetesCluster
      } names cluster "${name}", which is not in canary.clusters (known: ${
        clusters.map(cluster => cluster.name).join(', ') || 'none'
      })`,
    });
  }
  for (const cluster of searched) {
    if (cluster.unavailable) {
      errors.push({ cluster: cluster.name, message: cluster.unavailable });
    }
  }
  const available = searched.filter(cluster => !cluster.unavailable);

  let candidates: (cluster: ClusterInventory) => FoundRollout[];
  if (explicit) {
    let canaryRefs: CanaryRef[] = [];
    let rolloutRefs: CanaryRef[] = [];
    try {
      if (namedCanaries !== undefined) {
        canaryRefs = parseCanaryAnnotation(namedCanaries);
      }
      if (namedRollouts !== undefined) {
        rolloutRefs = parseRolloutAnnotation(namedRollouts);
      }
    } catch (error) {
      return fail((error as Error).message);
    }
    candidates = cluster => {
      const index = indexInventory(cluster);
      const found = new FoundRollouts(cluster.name);
      for (const key of keysOf(canaryRefs)) {
        found.add('vane', [index.canaryByName.get(key)]);
      }
      for (const key of keysOf(rolloutRefs)) {
        found.add('argo-rollouts', [index.argoRolloutByName.get(key)]);
        found.add('flagger', [index.flaggerCanaryByName.get(key)]);
      }
      return found.rollouts;
    };
  } else {
    if (selection && 'error' in selection) {
      return fail(selection.error);
    }
    candidates = cluster => {
      const index = indexInventory(cluster);
      const found = new FoundRollouts(cluster.name);
      for (const workload of selection?.select(cluster) ?? []) {
        const key = targetKey(
          workload.metadata.namespace,
          workload.kind,
          workload.metadata.name,
        );
        found.add('vane', index.canariesByTarget.get(key) ?? []);
        found.add('flagger', index.flaggerCanariesByTarget.get(key) ?? []);
        found.add('argo-rollouts', index.argoRolloutsByWorkload.get(key) ?? []);
      }
      // A Rollout both labelled and referencing a selected workload is found once.
      const seen = new Set(found.rollouts.map(f => f.object));
      found.add(
        'argo-rollouts',
        (selection?.selectArgoRollouts(cluster) ?? []).filter(
          rollout => !seen.has(rollout),
        ),
      );
      return found.rollouts;
    };
  }

  const rollouts = available.flatMap(candidates);
  rollouts.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return { rollouts, errors };
}

function keysOf(refs: readonly CanaryRef[]): string[] {
  return [...new Set(refs.map(ref => `${ref.namespace}/${ref.name}`))];
}

// Vane's Canaries sort before other controllers' rollouts of the same namespace and name.
const CONTROLLER_ORDER: Record<RolloutController, number> = {
  vane: 0,
  'argo-rollouts': 1,
  flagger: 2,
};

function sortKey(found: FoundRollout): string {
  const { namespace, name } = found.object.metadata;
  return `${found.cluster}/${namespace}/${name}/${
    CONTROLLER_ORDER[found.controller]
  }`;
}
