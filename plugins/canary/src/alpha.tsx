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
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { isCanaryAvailable } from './components/CanaryLinks/isCanaryAvailable';

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

// The rollouts card stays on every component (it offers the self-service template when there is
// no rollout); the health card and the tab need workloads to show.
const entityMeshHealthCard = EntityCardBlueprint.make({
  name: 'mesh-health',
  params: {
    filter: isCanaryAvailable,
    loader: () =>
      import('./components/EntityMeshHealthCard/EntityMeshHealthCard').then(
        m => <m.EntityMeshHealthCard />,
      ),
  },
});

const entityRolloutsContent = EntityContentBlueprint.make({
  name: 'rollouts',
  params: {
    path: '/rollouts',
    title: 'Rollouts',
    filter: isCanaryAvailable,
    loader: () =>
      import('./components/EntityRolloutsContent/EntityRolloutsContent').then(
        m => <m.EntityRolloutsContent />,
      ),
  },
});

const releaseOverviewPage = PageBlueprint.make({
  params: {
    path: '/canary',
    title: 'Releases',
    icon: <TrafficIcon />,
    routeRef: convertLegacyRouteRefs({ root: rootRouteRef }).root,
    loader: () =>
      import('./components/ReleaseOverviewPage/ReleaseOverviewPage').then(m => (
        <m.ReleaseOverviewPage />
      )),
  },
});

// The Scaffolder field that lists an entity's Deployments (template enable-progressive-delivery).
const canaryDeploymentPickerField = FormFieldBlueprint.make({
  name: 'canary-deployment-picker',
  params: {
    field: () =>
      import(
        './scaffolder/CanaryDeploymentPicker/canaryDeploymentPickerFormField'
      ).then(m => m.canaryDeploymentPickerFormField),
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
    entityMeshHealthCard,
    entityRolloutsContent,
    releaseOverviewPage,
    canaryDeploymentPickerField,
  ],
});
