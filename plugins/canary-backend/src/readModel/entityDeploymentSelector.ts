import { CANARY_ANNOTATIONS } from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { indexInventory } from './indexInventory';
import { LabelSelector } from './LabelSelector';

type InventoryDeployment = ClusterInventory['deployments'][number];

/**
 * The Deployments Backstage's Kubernetes annotations select, as its Kubernetes plugin does: the
 * label selector before the id, narrowed by `backstage.io/kubernetes-namespace`. Undefined for an
 * entity with neither annotation; `error` names the annotation that does not parse.
 */
export function entityDeploymentSelector(
  annotations: Record<string, string>,
):
  | { select(cluster: ClusterInventory): InventoryDeployment[] }
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
  return {
    select(cluster) {
      // Deployments carrying the selector's required label, from the index; every Deployment
      // only for a selector made of exclusions alone.
      const index = indexInventory(cluster);
      const scanned = required
        ? required.values.flatMap(
            value =>
              index.deploymentsByLabel.get(`${required.key}=${value}`) ?? [],
          )
        : cluster.deployments;
      return scanned.filter(
        deployment =>
          (!namespace || deployment.metadata.namespace === namespace) &&
          selector.matches(deployment.metadata.labels),
      );
    },
  };
}
