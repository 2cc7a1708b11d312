import type { KubernetesObjectLike } from '@vane/plugin-canary-node';

/**
 * A ReplicaSet as the cluster cache holds it: its metadata, its replica counts and the name and
 * image of each container of its pod template, nothing else of the template (the portal shows an
 * Argo Rollout's stable and canary images and counts its available pods; the rest of a pod spec
 * is memory the backend would keep for nothing).
 */
export function withPodTemplateImages(
  object: KubernetesObjectLike,
): KubernetesObjectLike {
  const replicaSet = object as any;
  const containers = (replicaSet.spec?.template?.spec?.containers ??
    []) as Array<{ name?: string; image?: string }>;
  return {
    apiVersion: replicaSet.apiVersion,
    kind: replicaSet.kind,
    metadata: replicaSet.metadata,
    spec: {
      replicas: replicaSet.spec?.replicas,
      template: {
        spec: {
          containers: containers.map(({ name, image }) => ({ name, image })),
        },
      },
    },
    status: {
      replicas: replicaSet.status?.replicas ?? 0,
      readyReplicas: replicaSet.status?.readyReplicas ?? 0,
      availableReplicas: replicaSet.status?.availableReplicas ?? 0,
    },
  } as KubernetesObjectLike;
}
