import type { CanaryRolloutImage } from '@vane/plugin-canary-common';

/**
 * The container images of a workload's pod template (Deployment or DaemonSet), in container
 * order; none for a missing workload.
 */
export function workloadImages(workload: any): CanaryRolloutImage[] {
  const containers = workload?.spec?.template?.spec?.containers;
  return Array.isArray(containers)
    ? containers.map((container: any) => ({
        container: String(container.name),
        image: String(container.image),
      }))
    : [];
}
