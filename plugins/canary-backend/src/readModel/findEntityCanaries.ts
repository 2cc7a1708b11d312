import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  Canary,
  CanaryRolloutError,
  parseCanaryAnnotation,
} from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { indexInventory } from './indexInventory';
import { entityClusters } from './entityClusters';
import { entityDeploymentSelector } from './entityDeploymentSelector';

/** The Canaries of an entity, and why some may be missing. */
export interface EntityCanaries {
  canaries: Array<{ cluster: string; canary: Canary }>;
  errors: CanaryRolloutError[];
}

/**
 * Finds an entity's Canaries in the clusters' caches (ARCHITECTURE.md, "Linking entities to
 * rollouts"): `vane.dev/canary` names them; otherwise Backstage's Kubernetes annotations select
 * Deployments and the Canaries targeting them belong to the entity. An entity without either
 * has no Canaries; unlike Backstage's Kubernetes plugin we do not fall back to the entity's name,
 * so a Canary never shows on an entity that did not ask for it.
 *
 * Clusters the entity does not look at (`backstage.io/kubernetes-cluster`) are neither searched
 * nor reported when unavailable.
 */
export function findEntityCanaries(
  entity: Entity,
  clusters: readonly ClusterInventory[],
): EntityCanaries {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const errors: CanaryRolloutError[] = [];
  const fail = (message: string): EntityCanaries => ({
    canaries: [],
    errors: [{ entityRef, message: `Entity ${entityRef}: ${message}` }],
  });

  const explicit = annotations[CANARY_ANNOTATIONS.canary];
  const selection = entityDeploymentSelector(annotations);
  if (explicit === undefined && !selection) {
    return { canaries: [], errors: [] };
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

  let candidates: (cluster: ClusterInventory) => Canary[];
  if (explicit !== undefined) {
    let refs;
    try {
      refs = parseCanaryAnnotation(explicit);
    } catch (error) {
      return fail((error as Error).message);
    }
    const names = [...new Set(refs.map(ref => `${ref.namespace}/${ref.name}`))];
    candidates = cluster =>
      names.flatMap(key => {
        const canary = indexInventory(cluster).canaryByName.get(key);
        return canary ? [canary] : [];
      });
  } else {
    if (selection && 'error' in selection) {
      return fail(selection.error);
    }
    candidates = cluster => {
      const index = indexInventory(cluster);
      return (selection?.select(cluster) ?? []).flatMap(
        deployment =>
          index.canariesByTarget.get(
            `${deployment.metadata.namespace}/${deployment.metadata.name}`,
          ) ?? [],
      );
    };
  }

  const canaries = available.flatMap(cluster =>
    candidates(cluster).map(canary => ({ cluster: cluster.name, canary })),
  );
  canaries.sort((a, b) =>
    `${a.cluster}/${a.canary.metadata.namespace}/${a.canary.metadata.name}`.localeCompare(
      `${b.cluster}/${b.canary.metadata.namespace}/${b.canary.metadata.name}`,
    ),
  );
  return { canaries, errors };
}
