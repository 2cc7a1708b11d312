import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createApplyAction } from './actions/createApplyAction';
import { createCatalogAnnotateAction } from './actions/createCatalogAnnotateAction';
import { createManifestCreateAction } from './actions/createManifestCreateAction';
import { CanaryBackendClient } from './client/CanaryBackendClient';

/**
 * The Scaffolder actions that switch progressive delivery on for a service.
 *
 * @public
 */
export const scaffolderModuleCanary = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'canary',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolderActions, auth, discovery }) {
        const client = new CanaryBackendClient({ auth, discovery });
        scaffolderActions.addActions(
          createManifestCreateAction({ client }),
          createCatalogAnnotateAction(),
          createApplyAction({ client }),
        );
      },
    });
  },
});
