/**
 * Catalog annotations that link an entity to its rollouts (see ARCHITECTURE.md, "Linking entities
 * to rollouts").
 *
 * @public
 */
export const CANARY_ANNOTATIONS = {
  /** `<namespace>/<name>` of the entity's Canaries, several separated by commas. */
  canary: 'vane.dev/canary',
  /**
   * `<namespace>/<name>` of the entity's rollouts that Vane does not drive: Argo Rollouts'
   * `Rollout`s and Flagger's `Canary`s (flagger.app) of that name, several separated by commas.
   */
  rollout: 'vane.dev/rollout',
  /**
   * Backstage's own Kubernetes annotations, used when the entity names none of its rollouts
   * (neither `vane.dev/canary` nor `vane.dev/rollout`).
   */
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  kubernetesCluster: 'backstage.io/kubernetes-cluster',
} as const;
