import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createBuiltinMeshRegistry } from '../../meshes/createBuiltinMeshRegistry';
import { createRouter } from '../createRouter';
import { registerCanaryActions } from '../../actionsRegistry/registerCanaryActions';
import type { RolloutCluster } from '../../readModel/RolloutCluster';
import type { RolloutHistoryStore } from '../../history/RolloutHistoryStore';
import { RecordingRootLogger } from '../../testing/RecordingRootLogger';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';

/**
 * A test backend serving the canary API (pluginId `canary`) over the given clusters, with a mock
 * catalog holding `entities` and a permission service that answers `permission` to everything
 * (or DENY to the permissions named in `deniedPermissions`). Vane's actions are in the backend's
 * actions registry; with `mcp`, Backstage's MCP actions plugin serves them at /api/mcp-actions/v1.
 * `auditEvents()` is the audit trail Backstage's auditor logged.
 */
export async function startRolloutApi(options: {
  clusters: RolloutCluster[];
  entities: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  deniedPermissions?: string[];
  /** The rollout history the routes read and record actions in; none unless given. */
  history?: RolloutHistoryStore;
  mcp?: boolean;
}) {
  const rootLogger = RecordingRootLogger.create();
  const plugin = createBackendPlugin({
    pluginId: 'canary',
    register(env) {
      env.registerInit({
        deps: {
          actionsRegistry: actionsRegistryServiceRef,
          auditor: coreServices.auditor,
          catalog: catalogServiceRef,
          httpAuth: coreServices.httpAuth,
          httpRouter: coreServices.httpRouter,
          permissions: coreServices.permissions,
        },
        async init({
          actionsRegistry,
          auditor,
          catalog,
          httpAuth,
          httpRouter,
          permissions,
        }) {
          const meshRouters = createBuiltinMeshRegistry();
          const operations = {
            meshRouters,
            clusters: () => options.clusters,
            catalog,
            permissions,
            auditor,
            history: options.history,
          };
          httpRouter.use(await createRouter({ ...operations, httpAuth }));
          registerCanaryActions(actionsRegistry, operations);
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      plugin,
      catalogServiceMock.factory({ entities: options.entities }),
      options.deniedPermissions
        ? permissionsDenying(options.deniedPermissions)
        : mockServices.permissions.factory({
            result: options.permission ?? AuthorizeResult.ALLOW,
          }),
      rootLogger.factory(),
      ...(options.mcp
        ? [
            mcpActionsPlugin,
            mockServices.rootConfig.factory({
              data: { backend: { actions: { pluginSources: ['canary'] } } },
            }),
          ]
        : []),
    ],
  });
  return Object.assign(backend, {
    auditEvents: () => rootLogger.auditEvents(),
  });
}

/** ALLOW to every permission but those named, as an owner-only policy answers a non-owner. */
function permissionsDenying(names: string[]) {
  const decide = (permission: { name: string }) => ({
    result: names.includes(permission.name)
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  });
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      authorize: async requests => requests.map(r => decide(r.permission)),
      authorizeConditional: async requests =>
        requests.map(r => decide(r.permission)) as any,
    }),
  });
}
