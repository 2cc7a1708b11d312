import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { MeshRouterFactory } from './MeshRouter';

/**
 * Lets backend modules add mesh routers to the canary plugin.
 *
 * @public
 */
export interface CanaryMeshRoutersExtensionPoint {
  addMeshRouter(factory: MeshRouterFactory): void;
}

/**
 * The extension point through which modules register mesh routers.
 *
 * @public
 */
export const canaryMeshRoutersExtensionPoint =
  createExtensionPoint<CanaryMeshRoutersExtensionPoint>({
    id: 'canary.mesh-routers',
  });
