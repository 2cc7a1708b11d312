/**
 * Catalog annotations that link an entity to its rollouts (see ARCHITECTURE.md, "Linking entities
 * to rollouts").
 *
 * @public
 */
export const CANARY_ANNOTATIONS = {
  /** `<namespace>/<name>` of the entity's Canaries, several separated by commas. */
  canary: 'vane.dev/canary',
  /** Backstage's own Kubernetes annotations, used when `vane.dev/canary` is absent. */
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  kubernetesCluster: 'backstage.io/kubernetes-cluster',
} as const;
