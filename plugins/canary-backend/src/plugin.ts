import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { canaryPermissions } from '@vane/plugin-canary-common';
import {
  canaryMeshRoutersExtensionPoint,
  canaryNotifiersExtensionPoint,
} from '@vane/plugin-canary-node';
import { readClusterConfigs } from './cluster/readClusterConfigs';
import { CanaryEngineService } from './engine/CanaryEngineService';
import { DefaultCheckRunner } from './engine/DefaultCheckRunner';
import { serviceProxyFetch } from './checks/serviceProxyFetch';
import { readHealthThresholds } from './health/readHealthThresholds';
import { EventLoopDelay } from './service/EventLoopDelay';
import { AlertSender } from './alerts/AlertSender';
import { EntityOwnerNotifier } from './alerts/EntityOwnerNotifier';
import { NotifierRegistry } from './alerts/NotifierRegistry';
import { readAlertProviders } from './alerts/readAlertProviders';
import { readOwnerNotifications } from './alerts/readOwnerNotifications';
import { RetryingHistoryRecorder } from './history/RetryingHistoryRecorder';
import { RolloutHistoryStore } from './history/RolloutHistoryStore';
import { createBuiltinMeshRegistry } from './meshes/createBuiltinMeshRegistry';
import { createRouter } from './service/createRouter';
import { registerCanaryActions } from './actionsRegistry/registerCanaryActions';

/**
 * Vane's canary backend plugin: the rollout engine and its REST API.
 *
 * @public
 */
export const canaryPlugin = createBackendPlugin({
  pluginId: 'canary',
  register(env) {
    const meshRouters = createBuiltinMeshRegistry();
    env.registerExtensionPoint(canaryMeshRoutersExtensionPoint, {
      addMeshRouter: factory => meshRouters.add(factory),
    });
    const notifiers = new NotifierRegistry();
    env.registerExtensionPoint(canaryNotifiersExtensionPoint, {
      addNotifier: notifier => notifiers.add(notifier),
    });

    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        actionsRegistry,
        auditor,
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        notifications,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(canaryPermissions);

        const history = await RolloutHistoryStore.create(database);
        // The engine's rows wait out a database that is away rather than leave a gap.
        const engineHistory = new RetryingHistoryRecorder(history, { logger });
        const clusters = readClusterConfigs(config);
        const ownerNotifications = readOwnerNotifications(config);
        const engines: CanaryEngineService = new CanaryEngineService({
          clusters,
          routers: meshRouters,
          checksFor: (cluster, cache, { prometheus, connection }) =>
            new DefaultCheckRunner({
              prometheus,
              templates: cache,
              viaServiceProxy: cluster.webhooksViaServiceProxy
                ? serviceProxyFetch(connection)
                : undefined,
            }),
          logger,
          history: engineHistory,
          alerts: new AlertSender({
            providers: readAlertProviders(config, notifiers.types()),
            notifiers,
            owners: ownerNotifications.enabled
              ? new EntityOwnerNotifier({
                  catalog,
                  auth,
                  notifications,
                  logger,
                  // Read when an alert is sent, long after `engines` exists.
                  clusters: () => engines.clusters,
                  severity: ownerNotifications.severity,
                })
              : undefined,
            logger,
          }),
          leaseDurationSeconds: config.getOptionalNumber(
            'canary.engine.leaseDurationSeconds',
          ),
        });
        const eventLoopDelay = new EventLoopDelay();
        lifecycle.addStartupHook(() => engines.start());
        lifecycle.addShutdownHook(async () => {
          await engines.stop();
          engineHistory.stop();
          eventLoopDelay.stop();
        });

        const operations = {
          meshRouters,
          clusters: () => engines.clusters,
          catalog,
          permissions,
          auditor,
          history,
        };
        httpRouter.use(
          await createRouter({
            ...operations,
            httpAuth,
            healthThresholds: readHealthThresholds(config),
            eventLoopDelay,
          }),
        );
        registerCanaryActions(actionsRegistry, operations);
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
