import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { MeshRouterRegistry } from '../../mesh/MeshRouterRegistry';
import { createBuiltinMeshRouters } from '../../routers/createBuiltinMeshRouters';
import { createRouter } from '../createRouter';
import type { RolloutCluster } from '../../readModel/RolloutCluster';
import type { RolloutHistoryStore } from '../../history/RolloutHistoryStore';

/**
 * A test backend serving the canary API (pluginId `canary`) over the given clusters, with a mock
 * catalog holding `entities` and a permission service that answers `permission` to everything.
 */
export async function startRolloutApi(options: {
  clusters: RolloutCluster[];
  entities: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** The rollout history the routes read and record actions in; none unless given. */
  history?: RolloutHistoryStore;
}) {
  const plugin = createBackendPlugin({
    pluginId: 'canary',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogServiceRef,
          httpAuth: coreServices.httpAuth,
          httpRouter: coreServices.httpRouter,
          permissions: coreServices.permissions,
        },
        async init({ catalog, httpAuth, httpRouter, permissions }) {
          const meshRouters = new MeshRouterRegistry();
          createBuiltinMeshRouters().forEach(factory =>
            meshRouters.add(factory),
          );
          httpRouter.use(
            await createRouter({
              meshRouters,
              clusters: () => options.clusters,
              catalog,
              permissions,
              httpAuth,
              history: options.history,
            }),
          );
        },
      });
    },
  });
  return startTestBackend({
    features: [
      plugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
  });
}
