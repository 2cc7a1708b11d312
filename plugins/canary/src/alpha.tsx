import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { canaryApiRef } from './api/CanaryApi';
import { CanaryClient } from './api/CanaryClient';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { Entity } from '@backstage/catalog-model';
import TrafficIcon from '@material-ui/icons/Traffic';
import { rootRouteRef } from './routes';

// Rollouts are about deployable things: services, websites, workers.
const isComponent = (entity: Entity) =>
  entity.kind.toLowerCase() === 'component';

const canaryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: canaryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CanaryClient(deps),
    }),
});

const entityCanaryCard = EntityCardBlueprint.make({
  name: 'rollouts',
  params: {
    filter: isComponent,
    loader: () =>
      import('./components/EntityCanaryCard/EntityCanaryCard').then(m => (
        <m.EntityCanaryCard />
      )),
  },
});

const entityRolloutsContent = EntityContentBlueprint.make({
  name: 'rollouts',
  params: {
    path: '/rollouts',
    title: 'Rollouts',
    filter: isComponent,
    loader: () =>
      import('./components/EntityRolloutsContent/EntityRolloutsContent').then(
        m => <m.EntityRolloutsContent />,
      ),
  },
});

const releasesPage = PageBlueprint.make({
  params: {
    path: '/releases',
    title: 'Releases',
    icon: <TrafficIcon />,
    routeRef: convertLegacyRouteRefs({ root: rootRouteRef }).root,
    loader: () =>
      import('./components/ReleasesPage/ReleasesPage').then(m => (
        <m.ReleasesPage />
      )),
  },
});

/**
 * Vane's canary frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'canary',
  title: 'Releases',
  icon: <TrafficIcon />,
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [
    canaryApi,
    entityCanaryCard,
    entityRolloutsContent,
    releasesPage,
  ],
});
