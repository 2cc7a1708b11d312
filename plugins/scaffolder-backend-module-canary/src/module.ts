import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogAnnotateAction } from './actions/createCatalogAnnotateAction';

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
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(createCatalogAnnotateAction());
      },
    });
  },
});
