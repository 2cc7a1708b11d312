import { createBackendModule } from '@backstage/backend-plugin-api';
import { canaryMeshRoutersExtensionPoint } from './canaryMeshRoutersExtensionPoint';
import type { MeshRouterFactory } from './MeshRouter';

/** Provider names end up in `spec.provider` and in module ids: keep them to DNS-label form. */
const PROVIDER_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Packages a mesh router as a backend module, so adding a mesh to a Backstage backend is one
 * `backend.add(...)` line. Give the factory a `refuse` function for what the mesh cannot do
 * (A/B matches, mirroring, fields it has no place for): the engine then refuses such a Canary by
 * name before creating anything, instead of the router failing halfway through.
 *
 * @public
 */
export function createMeshRouterModule(factory: MeshRouterFactory) {
  if (!PROVIDER_NAME.test(factory.provider)) {
    throw new Error(
      `Mesh router provider "${factory.provider}" is not valid: use lowercase letters, digits and '-', starting with a letter`,
    );
  }
  return createBackendModule({
    pluginId: 'canary',
    moduleId: `mesh-router-${factory.provider}`,
    register(reg) {
      reg.registerInit({
        deps: { meshRouters: canaryMeshRoutersExtensionPoint },
        async init({ meshRouters }) {
          meshRouters.addMeshRouter(factory);
        },
      });
    },
  });
}
