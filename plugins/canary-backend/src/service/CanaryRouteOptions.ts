import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { RolloutCluster } from '../readModel/RolloutCluster';

/** What every route of the canary plugin's API reads from: the clusters, the catalog, auth. */
export interface CanaryRouteOptions {
  /** The connected clusters; read per request, as clusters connect after the router exists. */
  clusters: () => readonly RolloutCluster[];
  catalog: CatalogService;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
}
