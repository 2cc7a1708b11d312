import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  Canary,
  CanaryRolloutError,
  parseCanaryAnnotation,
} from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { indexInventory } from './indexInventory';
import { LabelSelector } from './LabelSelector';

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
  const id = annotations[CANARY_ANNOTATIONS.kubernetesId];
  const selectorText = annotations[CANARY_ANNOTATIONS.kubernetesLabelSelector];
  if (explicit === undefined && !id && !selectorText) {
    return { canaries: [], errors: [] };
  }

  const clusterAnnotation = annotations[CANARY_ANNOTATIONS.kubernetesCluster];
  const wanted = clusterAnnotation
    ?.split(',')
    .map(name => name.trim())
    .filter(name => name !== '');
  const searched = wanted?.length
    ? clusters.filter(cluster => wanted.includes(cluster.name))
    : clusters;
  for (const name of wanted ?? []) {
    if (!clusters.some(cluster => cluster.name === name)) {
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
    // Backstage's Kubernetes plugin gives the label selector precedence over the id.
    const text = selectorText || `${CANARY_ANNOTATIONS.kubernetesId}=${id}`;
    let selector: LabelSelector;
    try {
      selector = LabelSelector.parse(text);
    } catch (error) {
      return fail(
        `${
          selectorText
            ? CANARY_ANNOTATIONS.kubernetesLabelSelector
            : CANARY_ANNOTATIONS.kubernetesId
        }: ${(error as Error).message}`,
      );
    }
    const namespace = annotations[CANARY_ANNOTATIONS.kubernetesNamespace];
    const required = selector.requiredLabel();
    candidates = cluster => {
      const index = indexInventory(cluster);
      // Deployments carrying the selector's required label, from the index; every Deployment
      // only for a selector made of exclusions alone.
      const scanned = required
        ? required.values.flatMap(
            value =>
              index.deploymentsByLabel.get(`${required.key}=${value}`) ?? [],
          )
        : cluster.deployments;
      return scanned
        .filter(
          deployment =>
            (!namespace || deployment.metadata.namespace === namespace) &&
            selector.matches(deployment.metadata.labels),
        )
        .flatMap(
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
