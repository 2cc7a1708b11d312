import { CANARY_ANNOTATIONS } from '@vane/plugin-canary-common';
import type { ClusterInventory, InventoryObject } from './ClusterInventory';
import { indexInventory } from './indexInventory';
import { LabelSelector } from './LabelSelector';

type InventoryWorkload = ClusterInventory['workloads'][number];

/**
 * The workloads (Deployments, DaemonSets) Backstage's Kubernetes annotations select, as its
 * Kubernetes plugin does: the label selector before the id, narrowed by
 * `backstage.io/kubernetes-namespace`; and by the same rule the Argo Rollouts (a Rollout is a
 * workload of its own, labelled as a Deployment would be).
 * Undefined for an entity with neither annotation; `error` names the annotation that does not
 * parse.
 */
export function entityWorkloadSelector(annotations: Record<string, string>):
  | {
      select(cluster: ClusterInventory): InventoryWorkload[];
      selectArgoRollouts(cluster: ClusterInventory): InventoryObject[];
    }
  | { error: string }
  | undefined {
  const id = annotations[CANARY_ANNOTATIONS.kubernetesId];
  const selectorText = annotations[CANARY_ANNOTATIONS.kubernetesLabelSelector];
  if (!id && !selectorText) {
    return undefined;
  }
  let selector: LabelSelector;
  try {
    selector = LabelSelector.parse(
      selectorText || `${CANARY_ANNOTATIONS.kubernetesId}=${id}`,
    );
  } catch (error) {
    const annotation = selectorText
      ? CANARY_ANNOTATIONS.kubernetesLabelSelector
      : CANARY_ANNOTATIONS.kubernetesId;
    return { error: `${annotation}: ${(error as Error).message}` };
  }
  const namespace = annotations[CANARY_ANNOTATIONS.kubernetesNamespace];
  const required = selector.requiredLabel();
  // Objects carrying the selector's required label, from the index; every object only for a
  // selector made of exclusions alone.
  const selectFrom = <T extends Pick<InventoryObject, 'metadata'>>(
    all: readonly T[],
    byLabel: ReadonlyMap<string, readonly T[]>,
  ): T[] =>
    (required
      ? required.values.flatMap(
          value => byLabel.get(`${required.key}=${value}`) ?? [],
        )
      : all
    ).filter(
      object =>
        (!namespace || object.metadata.namespace === namespace) &&
        selector.matches(object.metadata.labels),
    );
  return {
    select: cluster =>
      selectFrom(cluster.workloads, indexInventory(cluster).workloadsByLabel),
    selectArgoRollouts: cluster =>
      selectFrom(
        cluster.argoRollouts ?? [],
        indexInventory(cluster).argoRolloutsByLabel,
      ),
  };
}
