import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { canaryPermissions } from '@vane/plugin-canary-common';
import { canaryMeshRoutersExtensionPoint } from '@vane/plugin-canary-node';
import { MeshRouterRegistry } from './mesh/MeshRouterRegistry';
import { createRouter } from './service/createRouter';

/**
 * Vane's canary backend plugin: the rollout engine and its REST API.
 *
 * @public
 */
export const canaryPlugin = createBackendPlugin({
  pluginId: 'canary',
  register(env) {
    const meshRouters = new MeshRouterRegistry();
    env.registerExtensionPoint(canaryMeshRoutersExtensionPoint, {
      addMeshRouter: factory => meshRouters.add(factory),
    });

    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, logger, permissionsRegistry }) {
        permissionsRegistry.addPermissions(canaryPermissions);
        httpRouter.use(await createRouter({ meshRouters }));
        logger.info(
          `Canary plugin started with mesh routers: ${
            meshRouters.providers().join(', ') || 'none'
          }`,
        );
      },
    });
  },
});
