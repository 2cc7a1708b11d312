import {
  KUBERNETES_RESOURCES,
  KubernetesResource,
} from './KUBERNETES_RESOURCES';

/** An API group as the API server lists it at `/apis`. */
interface ServedApiGroup {
  name: string;
  versions?: Array<{ groupVersion: string }>;
}

/**
 * The cached kinds to watch in a cluster serving these API groups: core kinds always, others
 * only at a group/version the cluster serves. A kind listed at several versions
 * (HorizontalPodAutoscaler) is watched once, at the first one served, since a group can drop a
 * version (autoscaling/v2beta2 in Kubernetes 1.26). A kind watched `alongside` another API
 * (Argo's ReplicaSets) only where that API is served too.
 */
export function selectWatchedResources(
  groups: ServedApiGroup[],
  resources: readonly KubernetesResource[] = KUBERNETES_RESOURCES,
): KubernetesResource[] {
  const servedVersions = new Set(
    groups.flatMap(group =>
      (group.versions ?? []).map(version => version.groupVersion),
    ),
  );
  const watchedKinds = new Set<string>();
  return resources.filter(resource => {
    const core = !resource.apiVersion.includes('/');
    if (
      !resource.cached ||
      (!core && !servedVersions.has(resource.apiVersion)) ||
      (resource.alongside && !servedVersions.has(resource.alongside))
    ) {
      return false;
    }
    const groupKind = `${core ? '' : resource.apiVersion.split('/')[0]}/${
      resource.kind
    }`;
    if (watchedKinds.has(groupKind)) {
      return false;
    }
    watchedKinds.add(groupKind);
    return true;
  });
}
