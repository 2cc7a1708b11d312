import type { Entity } from '@backstage/catalog-model';
import {
  CANARY_ANNOTATIONS,
  type CanaryRolloutError,
} from '@vane/plugin-canary-common';
import type { ClusterInventory } from '../readModel/ClusterInventory';
import { findEntityCanaries } from '../readModel/findEntityCanaries';
import { entityClusters } from '../readModel/entityClusters';
import { entityWorkloadSelector } from '../readModel/entityWorkloadSelector';

/** One workload (Deployment, DaemonSet) of an entity whose mesh health is shown. */
export interface EntityWorkload {
  cluster: string;
  namespace: string;
  workload: string;
  role: 'primary' | 'canary' | 'workload';
  /** The managing Canary, `namespace/name`, and the provider its spec names. */
  canary?: string;
  canaryProvider?: string;
}

/**
 * The workloads of an entity, by the rules that link its rollouts (findEntityCanaries): each
 * linked Canary's target (the canary workload) and `<target>-primary`, and, for entities that
 * select workloads by `backstage.io/kubernetes-id` or `-label-selector`, the other selected
 * Deployments and DaemonSets as plain workloads. Errors are findEntityCanaries' (unavailable clusters, bad
 * annotations).
 */
export function findEntityWorkloads(
  entity: Entity,
  inventories: readonly ClusterInventory[],
): { workloads: EntityWorkload[]; errors: CanaryRolloutError[] } {
  const found = findEntityCanaries(entity, inventories);
  const workloads: EntityWorkload[] = [];
  const seen = new Set<string>();
  const add = (workload: EntityWorkload) => {
    const key = `${workload.cluster}/${workload.namespace}/${workload.workload}`;
    if (!seen.has(key)) {
      seen.add(key);
      workloads.push(workload);
    }
  };

  const existing = new Set(
    inventories.flatMap(inventory =>
      inventory.workloads.map(
        d => `${inventory.name}/${d.metadata.namespace}/${d.metadata.name}`,
      ),
    ),
  );

  for (const { cluster, canary } of found.canaries) {
    const target = canary.spec?.targetRef?.name;
    if (!target) continue;
    const { namespace, name } = canary.metadata;
    const managed = {
      cluster,
      namespace,
      canary: `${namespace}/${name}`,
      ...(canary.spec?.provider
        ? { canaryProvider: canary.spec.provider }
        : {}),
    };
    // The primary exists once the engine initialised the Canary.
    if (existing.has(`${cluster}/${namespace}/${target}-primary`)) {
      add({ ...managed, workload: `${target}-primary`, role: 'primary' });
    }
    add({ ...managed, workload: target, role: 'canary' });
  }

  const annotations = entity.metadata.annotations ?? {};
  const selected = selectWorkloads(annotations, inventories);
  for (const { cluster, namespace, workload } of selected) {
    add({ cluster, namespace, workload, role: 'workload' });
  }
  return { workloads, errors: found.errors };
}

/**
 * The workloads Backstage's Kubernetes annotations select (entityWorkloadSelector), in the
 * available clusters the entity looks at; none for an entity that names its Canaries
 * (`vane.dev/canary`) or whose selector does not parse (findEntityCanaries reports that).
 */
function selectWorkloads(
  annotations: Record<string, string>,
  inventories: readonly ClusterInventory[],
) {
  if (annotations[CANARY_ANNOTATIONS.canary] !== undefined) return [];
  const selection = entityWorkloadSelector(annotations);
  if (!selection || 'error' in selection) return [];
  return entityClusters(annotations, inventories)
    .searched.filter(cluster => !cluster.unavailable)
    .flatMap(cluster =>
      selection.select(cluster).map(d => ({
        cluster: cluster.name,
        namespace: d.metadata.namespace ?? 'default',
        workload: d.metadata.name,
      })),
    );
}
