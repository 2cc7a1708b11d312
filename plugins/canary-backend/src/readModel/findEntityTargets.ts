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
import { indexInventory, targetKey } from './indexInventory';
import { entityWorkloadSelector } from './entityWorkloadSelector';

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
 * selector before the id, narrowed by namespace and cluster); an entity that only names its
 * rollouts has the workloads those target: a Vane Canary's (`vane.dev/canary`), a Flagger
 * Canary's or an Argo Rollout's `workloadRef` (`vane.dev/rollout`). The `-primary` copies the
 * engine owns are not the entity's workloads and are left out.
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

  const namedCanaries = annotations[CANARY_ANNOTATIONS.canary];
  const namedRollouts = annotations[CANARY_ANNOTATIONS.rollout];
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
  } else if (namedCanaries || namedRollouts) {
    let canaryRefs: CanaryRef[];
    let rolloutRefs: CanaryRef[];
    try {
      canaryRefs = namedCanaries ? parseCanaryAnnotation(namedCanaries) : [];
      rolloutRefs = namedRollouts ? parseRolloutAnnotation(namedRollouts) : [];
    } catch (error) {
      return {
        workloads: [],
        errors: [
          { message: `Entity ${entityRef}: ${(error as Error).message}` },
        ],
      };
    }
    // The workloads the named rollouts target, looked up by name in each cluster's index.
    const targets = new Map(
      available.map(cluster => {
        const index = indexInventory(cluster);
        const key = (ref: CanaryRef) => `${ref.namespace}/${ref.name}`;
        return [
          cluster,
          new Set([
            ...canaryRefs.flatMap(ref =>
              targetOf(ref, index.canaryByName.get(key(ref))?.spec?.targetRef),
            ),
            ...rolloutRefs.flatMap(ref => [
              ...targetOf(
                ref,
                index.flaggerCanaryByName.get(key(ref))?.spec?.targetRef,
              ),
              ...targetOf(
                ref,
                index.argoRolloutByName.get(key(ref))?.spec?.workloadRef,
              ),
            ]),
          ]),
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

/** The targetKey of the workload a rollout named by `ref` targets, if it names one. */
function targetOf(
  ref: CanaryRef,
  target: { kind?: string; name?: string } | undefined,
): string[] {
  return target?.kind && target.name
    ? [targetKey(ref.namespace, target.kind, target.name)]
    : [];
}

function ownedByCanary(workload: Workload): boolean {
  return (workload.metadata.ownerReferences ?? []).some(
    ref =>
      ref.kind === CANARY_API.kind &&
      ref.apiVersion.startsWith(`${CANARY_API.group}/`),
  );
}
