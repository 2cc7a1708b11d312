import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { RolloutCluster } from '../readModel/RolloutCluster';

/**
 * What every operation of the canary plugin reads from, whether an HTTP route or the actions
 * registry calls it: the clusters, the catalog, permissions, and the auditor writes go to.
 */
export interface CanaryOperationOptions {
  /** The connected clusters; read per call, as clusters connect after the plugin starts. */
  clusters: () => readonly RolloutCluster[];
  catalog: CatalogService;
  permissions: PermissionsService;
  auditor: AuditorService;
}
