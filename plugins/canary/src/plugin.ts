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
export const EntityCanaryCard: () => JSX.Element = canaryPlugin.provide(
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
export const EntityRolloutsContent: () => JSX.Element = canaryPlugin.provide(
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
 * The mesh health of the entity's workloads (primary and canary apart during a rollout), for its
 * overview page.
 *
 * @public
 */
export const EntityMeshHealthCard: () => JSX.Element = canaryPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshHealthCard',
    component: {
      lazy: () =>
        import('./components/EntityMeshHealthCard/EntityMeshHealthCard').then(
          m => m.EntityMeshHealthCard,
        ),
    },
  }),
);

/**
 * The release overview page: every rollout of the signed-in user's teams (or of any owners),
 * live, with counts by phase and a sortable, filterable table. Mount it at `/canary`.
 *
 * @public
 */
export const ReleaseOverviewPage: () => JSX.Element = canaryPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseOverviewPage',
    component: () =>
      import('./components/ReleaseOverviewPage/ReleaseOverviewPage').then(
        m => m.ReleaseOverviewPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The release overview page under its first name.
 *
 * @public
 * @deprecated Use {@link ReleaseOverviewPage}.
 */
export const CanaryReleasesPage = ReleaseOverviewPage;
