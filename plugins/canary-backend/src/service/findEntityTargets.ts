import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  CANARY_API,
  parseCanaryAnnotation,
} from '@vane/plugin-canary-common';
import type { ClusterInventory } from '../entities/ClusterInventory';
import { entityClusters } from '../entities/entityClusters';
import { indexInventory, targetKey } from '../entities/indexInventory';
import { entityWorkloadSelector } from '../entities/entityWorkloadSelector';

type Workload = ClusterInventory['workloads'][number] & {
  metadata: {
    ownerReferences?: Array<{ kind: string; apiVersion: string }>;
  };
};

/** The workloads of an entity, per cluster, and why some clusters or rules could not answer. */
export interface EntityTargets {
  workloads: Array<{ cluster: string; workload: Workload }>;
  errors: Array<{ cluster?: string; message: string }>;
}

/**
 * The workloads (Deployments, DaemonSets) an entity stands for, which its Canaries may target, by
 * the linking rules of ARCHITECTURE.md: Backstage's Kubernetes annotations select them (the label
 * selector before the id, narrowed by namespace and cluster); an entity that only names Canaries
 * (`vane.dev/canary`) has the workloads those target. The `-primary` copies the engine owns are
 * not the entity's workloads and are left out.
 */
export function findEntityTargets(
  entity: Entity,
  clusters: readonly ClusterInventory[],
): EntityTargets {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const errors: EntityTargets['errors'] = [];

  const { searched } = entityClusters(annotations, clusters);
  for (const cluster of searched) {
    if (cluster.unavailable) {
      errors.push({ cluster: cluster.name, message: cluster.unavailable });
    }
  }
  const available = searched.filter(cluster => !cluster.unavailable);

  const explicit = annotations[CANARY_ANNOTATIONS.canary];
  const selection = entityWorkloadSelector(annotations);
  let belongs: (cluster: ClusterInventory, workload: Workload) => boolean;

  if (selection) {
    if ('error' in selection) {
      return {
        workloads: [],
        errors: [{ message: `Entity ${entityRef}: ${selection.error}` }],
      };
    }
    // Selected per cluster once, not per workload.
    const selected = new Map(
      available.map(cluster => [cluster, new Set(selection.select(cluster))]),
    );
    belongs = (cluster, workload) => selected.get(cluster)!.has(workload);
  } else if (explicit) {
    let refs: Array<{ namespace: string; name: string }>;
    try {
      refs = parseCanaryAnnotation(explicit);
    } catch (error) {
      return {
        workloads: [],
        errors: [
          { message: `Entity ${entityRef}: ${(error as Error).message}` },
        ],
      };
    }
    // The workloads the named Canaries target, looked up by name in each cluster's index.
    const targets = new Map(
      available.map(cluster => {
        const { canaryByName } = indexInventory(cluster);
        return [
          cluster,
          new Set(
            refs.flatMap(ref => {
              const target = canaryByName.get(`${ref.namespace}/${ref.name}`)
                ?.spec?.targetRef;
              return target?.kind && target.name
                ? [targetKey(ref.namespace, target.kind, target.name)]
                : [];
            }),
          ),
        ];
      }),
    );
    belongs = (cluster, workload) =>
      targets
        .get(cluster)!
        .has(
          targetKey(
            workload.metadata.namespace,
            workload.kind,
            workload.metadata.name,
          ),
        );
  } else {
    return {
      workloads: [],
      errors: [
        {
          message: `Entity ${entityRef} names no Kubernetes workloads: add the ${CANARY_ANNOTATIONS.kubernetesId} or ${CANARY_ANNOTATIONS.kubernetesLabelSelector} annotation (and ${CANARY_ANNOTATIONS.kubernetesNamespace}) to its catalog entry`,
        },
      ],
    };
  }

  const workloads = available.flatMap(cluster =>
    (cluster.workloads as Workload[])
      .filter(
        workload => !ownedByCanary(workload) && belongs(cluster, workload),
      )
      .map(workload => ({ cluster: cluster.name, workload })),
  );
  workloads.sort((a, b) =>
    `${a.cluster}/${a.workload.metadata.namespace}/${a.workload.metadata.name}/${a.workload.kind}`.localeCompare(
      `${b.cluster}/${b.workload.metadata.namespace}/${b.workload.metadata.name}/${b.workload.kind}`,
    ),
  );
  return { workloads, errors };
}

function ownedByCanary(workload: Workload): boolean {
  return (workload.metadata.ownerReferences ?? []).some(
    ref =>
      ref.kind === CANARY_API.kind &&
      ref.apiVersion.startsWith(`${CANARY_API.group}/`),
  );
}
