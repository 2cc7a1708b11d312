import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  CANARY_API,
  parseCanaryAnnotation,
} from '@vane/plugin-canary-common';
import type { ClusterInventory } from '../entities/ClusterInventory';
import { LabelSelector } from '../entities/LabelSelector';

type Deployment = ClusterInventory['deployments'][number] & {
  metadata: {
    ownerReferences?: Array<{ kind: string; apiVersion: string }>;
  };
};

/** The Deployments of an entity, per cluster, and why some clusters or rules could not answer. */
export interface EntityDeployments {
  deployments: Array<{ cluster: string; deployment: Deployment }>;
  errors: Array<{ cluster?: string; message: string }>;
}

/**
 * The Deployments an entity stands for, by the linking rules of ARCHITECTURE.md: Backstage's
 * Kubernetes annotations select them (the label selector before the id, narrowed by namespace and
 * cluster); an entity that only names Canaries (`vane.dev/canary`) has the Deployments those
 * target. The `-primary` copies the engine owns are not the entity's workloads and are left out.
 */
export function findEntityDeployments(
  entity: Entity,
  clusters: readonly ClusterInventory[],
): EntityDeployments {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const errors: EntityDeployments['errors'] = [];

  const wanted = annotations[CANARY_ANNOTATIONS.kubernetesCluster]
    ?.split(',')
    .map(name => name.trim())
    .filter(name => name !== '');
  const searched = wanted?.length
    ? clusters.filter(cluster => wanted.includes(cluster.name))
    : clusters;
  for (const cluster of searched) {
    if (cluster.unavailable) {
      errors.push({ cluster: cluster.name, message: cluster.unavailable });
    }
  }
  const available = searched.filter(cluster => !cluster.unavailable);

  const id = annotations[CANARY_ANNOTATIONS.kubernetesId];
  const selectorText = annotations[CANARY_ANNOTATIONS.kubernetesLabelSelector];
  const explicit = annotations[CANARY_ANNOTATIONS.canary];
  let belongs: (cluster: ClusterInventory, deployment: Deployment) => boolean;

  if (id || selectorText) {
    const text = selectorText || `${CANARY_ANNOTATIONS.kubernetesId}=${id}`;
    let selector: LabelSelector;
    try {
      selector = LabelSelector.parse(text);
    } catch (error) {
      return {
        deployments: [],
        errors: [
          {
            message: `Entity ${entityRef}: ${
              selectorText
                ? CANARY_ANNOTATIONS.kubernetesLabelSelector
                : CANARY_ANNOTATIONS.kubernetesId
            }: ${(error as Error).message}`,
          },
        ],
      };
    }
    const namespace = annotations[CANARY_ANNOTATIONS.kubernetesNamespace];
    belongs = (_cluster, deployment) =>
      (!namespace || deployment.metadata.namespace === namespace) &&
      selector.matches(deployment.metadata.labels);
  } else if (explicit) {
    let refs: Array<{ namespace: string; name: string }>;
    try {
      refs = parseCanaryAnnotation(explicit);
    } catch (error) {
      return {
        deployments: [],
        errors: [
          { message: `Entity ${entityRef}: ${(error as Error).message}` },
        ],
      };
    }
    belongs = (cluster, deployment) =>
      cluster.canaries.some(
        canary =>
          refs.some(
            ref =>
              ref.namespace === canary.metadata.namespace &&
              ref.name === canary.metadata.name,
          ) &&
          canary.metadata.namespace === deployment.metadata.namespace &&
          canary.spec?.targetRef?.name === deployment.metadata.name,
      );
  } else {
    return {
      deployments: [],
      errors: [
        {
          message: `Entity ${entityRef} names no Kubernetes workloads: add the ${CANARY_ANNOTATIONS.kubernetesId} or ${CANARY_ANNOTATIONS.kubernetesLabelSelector} annotation (and ${CANARY_ANNOTATIONS.kubernetesNamespace}) to its catalog entry`,
        },
      ],
    };
  }

  const deployments = available.flatMap(cluster =>
    (cluster.deployments as Deployment[])
      .filter(
        deployment =>
          !ownedByCanary(deployment) && belongs(cluster, deployment),
      )
      .map(deployment => ({ cluster: cluster.name, deployment })),
  );
  deployments.sort((a, b) =>
    `${a.cluster}/${a.deployment.metadata.namespace}/${a.deployment.metadata.name}`.localeCompare(
      `${b.cluster}/${b.deployment.metadata.namespace}/${b.deployment.metadata.name}`,
    ),
  );
  return { deployments, errors };
}

function ownedByCanary(deployment: Deployment): boolean {
  return (deployment.metadata.ownerReferences ?? []).some(
    ref =>
      ref.kind === CANARY_API.kind &&
      ref.apiVersion.startsWith(`${CANARY_API.group}/`),
  );
}
