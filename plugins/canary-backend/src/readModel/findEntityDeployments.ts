import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  CANARY_API,
  CanaryRef,
  parseCanaryAnnotation,
  parseRolloutAnnotation,
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
 * cluster); an entity that only names its rollouts has the Deployments those target: a Vane
 * Canary's (`vane.dev/canary`), a Flagger Canary's or an Argo Rollout's `workloadRef`
 * (`vane.dev/rollout`). The `-primary` copies the engine owns are not the entity's workloads and
 * are left out.
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

  const namedCanaries = annotations[CANARY_ANNOTATIONS.canary];
  const namedRollouts = annotations[CANARY_ANNOTATIONS.rollout];
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
  } else if (namedCanaries || namedRollouts) {
    let canaryRefs: CanaryRef[];
    let rolloutRefs: CanaryRef[];
    try {
      canaryRefs = namedCanaries ? parseCanaryAnnotation(namedCanaries) : [];
      rolloutRefs = namedRollouts ? parseRolloutAnnotation(namedRollouts) : [];
    } catch (error) {
      return {
        deployments: [],
        errors: [
          { message: `Entity ${entityRef}: ${(error as Error).message}` },
        ],
      };
    }
    // The Deployments the named rollouts target, looked up by name in each cluster's index.
    const targets = new Map(
      available.map(cluster => {
        const index = indexInventory(cluster);
        const targetOf = (ref: CanaryRef, target: string | undefined) =>
          target ? [`${ref.namespace}/${target}`] : [];
        const key = (ref: CanaryRef) => `${ref.namespace}/${ref.name}`;
        return [
          cluster,
          new Set([
            ...canaryRefs.flatMap(ref =>
              targetOf(
                ref,
                index.canaryByName.get(key(ref))?.spec?.targetRef?.name,
              ),
            ),
            ...rolloutRefs.flatMap(ref => [
              ...targetOf(
                ref,
                index.flaggerCanaryByName.get(key(ref))?.spec?.targetRef?.name,
              ),
              ...targetOf(
                ref,
                index.argoRolloutByName.get(key(ref))?.spec?.workloadRef?.name,
              ),
            ]),
          ]),
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
