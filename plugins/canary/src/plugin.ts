import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { canaryApiRef } from './api/CanaryApi';
import { CanaryClient } from './api/CanaryClient';
import { rootRouteRef } from './routes';

/**
 * Vane's canary frontend plugin, for apps on the legacy frontend system.
 *
 * @public
 */
export const canaryPlugin = createPlugin({
  id: 'canary',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: canaryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CanaryClient(deps),
    }),
  ],
});

/**
 * The entity's rollouts, for the overview page.
 *
 * @public
 */
export const EntityCanaryCard = canaryPlugin.provide(
  createComponentExtension({
    name: 'EntityCanaryCard',
    component: {
      lazy: () =>
        import('./components/EntityCanaryCard/EntityCanaryCard').then(
          m => m.EntityCanaryCard,
        ),
    },
  }),
);

/**
 * The entity's Rollouts tab.
 *
 * @public
 */
export const EntityRolloutsContent = canaryPlugin.provide(
  createComponentExtension({
    name: 'EntityRolloutsContent',
    component: {
      lazy: () =>
        import('./components/EntityRolloutsContent/EntityRolloutsContent').then(
          m => m.EntityRolloutsContent,
        ),
    },
  }),
);

/**
 * The release overview page of every team.
 *
 * @public
 */
export const CanaryReleasesPage = canaryPlugin.provide(
  createRoutableExtension({
    name: 'CanaryReleasesPage',
    component: () =>
      import('./components/ReleasesPage/ReleasesPage').then(
        m => m.ReleasesPage,
      ),
    mountPoint: rootRouteRef,
  }),
);
