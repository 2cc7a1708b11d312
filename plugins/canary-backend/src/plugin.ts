import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { canaryPermissions } from '@vane/plugin-canary-common';
import { canaryMeshRoutersExtensionPoint } from '@vane/plugin-canary-node';
import { readClusterConfigs } from './cluster/readClusterConfigs';
import { CanaryEngineService } from './engine/CanaryEngineService';
import { DefaultCheckRunner } from './engine/DefaultCheckRunner';
import { MeshRouterRegistry } from './mesh/MeshRouterRegistry';
import { createBuiltinMeshRouters } from './routers/createBuiltinMeshRouters';
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
    for (const factory of createBuiltinMeshRouters()) {
      meshRouters.add(factory);
    }
    env.registerExtensionPoint(canaryMeshRoutersExtensionPoint, {
      addMeshRouter: factory => meshRouters.add(factory),
    });

    env.registerInit({
      deps: {
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        catalog,
        config,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(canaryPermissions);

        const clusters = readClusterConfigs(config);
        const engines = new CanaryEngineService({
          clusters,
          routers: meshRouters,
          checksFor: (cluster, cache) =>
            new DefaultCheckRunner({
              prometheusUrl: cluster.prometheusUrl,
              templates: cache,
            }),
          logger,
          leaseDurationSeconds: config.getOptionalNumber(
            'canary.engine.leaseDurationSeconds',
          ),
        });
        lifecycle.addStartupHook(() => engines.start());
        lifecycle.addShutdownHook(() => engines.stop());

        httpRouter.use(
          await createRouter({
            meshRouters,
            clusters: () => engines.clusters,
            catalog,
            permissions,
            httpAuth,
          }),
        );
        logger.info(
          `Canary plugin started with mesh routers ${meshRouters
            .providers()
            .join(', ')} and ${clusters.length} cluster(s): ${
            clusters.map(c => c.name).join(', ') || 'none'
          }`,
        );
      },
    });
  },
});
