import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  CANARY_API,
  parseCanaryAnnotation,
} from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { entityClusters } from './entityClusters';
import { indexInventory } from './indexInventory';
import { entityDeploymentSelector } from './entityDeploymentSelector';

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

  const { searched } = entityClusters(annotations, clusters);
  for (const cluster of searched) {
    if (cluster.unavailable) {
      errors.push({ cluster: cluster.name, message: cluster.unavailable });
    }
  }
  const available = searched.filter(cluster => !cluster.unavailable);

  const explicit = annotations[CANARY_ANNOTATIONS.canary];
  const selection = entityDeploymentSelector(annotations);
  let belongs: (cluster: ClusterInventory, deployment: Deployment) => boolean;

  if (selection) {
    if ('error' in selection) {
      return {
        deployments: [],
        errors: [{ message: `Entity ${entityRef}: ${selection.error}` }],
      };
    }
    // Selected per cluster once, not per Deployment.
    const selected = new Map(
      available.map(cluster => [cluster, new Set(selection.select(cluster))]),
    );
    belongs = (cluster, deployment) => selected.get(cluster)!.has(deployment);
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
    // The Deployments the named Canaries target, looked up by name in each cluster's index.
    const targets = new Map(
      available.map(cluster => {
        const { canaryByName } = indexInventory(cluster);
        return [
          cluster,
          new Set(
            refs.flatMap(ref => {
              const target = canaryByName.get(`${ref.namespace}/${ref.name}`)
                ?.spec?.targetRef?.name;
              return target ? [`${ref.namespace}/${target}`] : [];
            }),
          ),
        ];
      }),
    );
    belongs = (cluster, deployment) =>
      targets
        .get(cluster)!
        .has(`${deployment.metadata.namespace}/${deployment.metadata.name}`);
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
