import type { CanaryRolloutImage } from '@vane/plugin-canary-common';

/** The container images of a Deployment, in container order (none for a missing Deployment). */
export function deploymentImages(deployment: any): CanaryRolloutImage[] {
  const containers = deployment?.spec?.template?.spec?.containers;
  return Array.isArray(containers)
    ? containers.map((container: any) => ({
        container: String(container.name),
        image: String(container.image),
      }))
    : [];
}
