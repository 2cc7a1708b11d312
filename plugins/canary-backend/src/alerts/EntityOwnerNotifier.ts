import type { CanaryRolloutAlert } from '@vane/plugin-canary-node';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CanaryAlertSeverity } from '@vane/plugin-canary-common';
import { findEntityCanaries } from '../readModel/findEntityCanaries';
import type { RolloutCluster } from '../readModel/RolloutCluster';
import { RolloutReader } from '../readModel/RolloutReader';
import { rolloutEntitiesFilter } from '../service/rolloutEntitiesFilter';
import { portalNotificationFor } from './portalNotificationFor';
import { severityAtLeast } from './severityAtLeast';

/**
 * Tells the owners of the entities a Canary belongs to (the linking rules of ARCHITECTURE.md) of
 * its rollout alerts through Backstage's notifications, from `severity` on (default warn: a gate
 * waiting for them, a rollback). One notification per Canary (its scope), updated by the next.
 */
export class EntityOwnerNotifier {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      notifications: NotificationService;
      logger: LoggerService;
      /** The clusters whose cached Canaries and Deployments link entities to the Canary. */
      clusters: () => readonly RolloutCluster[];
      severity?: CanaryAlertSeverity;
    },
  ) {
    // One reader for the notifier's life: a reader subscribes to each cluster's cache once, to
    // know when its inventory snapshot is stale.
    this.reader = new RolloutReader(options.clusters);
  }

  private readonly reader: RolloutReader;

  async notify(alert: CanaryRolloutAlert): Promise<void> {
    if (!severityAtLeast(alert.severity, this.options.severity ?? 'warn')) {
      return;
    }
    try {
      const entityRefs = await this.entitiesOf(alert);
      if (entityRefs.length === 0) {
        return;
      }
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: entityRefs },
        payload: portalNotificationFor(alert, entityRefs[0]),
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify the owners of ${alert.namespace}/${
          alert.name
        } in Backstage: ${(error as Error).message}`,
      );
    }
  }

  /** The refs of the entities the alert's Canary belongs to. */
  private async entitiesOf(alert: CanaryRolloutAlert): Promise<string[]> {
    const inventory = this.reader
      .inventories()
      .find(cluster => cluster.name === alert.cluster);
    if (!inventory) {
      return [];
    }
    const { items } = await this.options.catalog.getEntities(
      {
        filter: rolloutEntitiesFilter([]),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items
      .filter(entity =>
        findEntityCanaries(entity, [inventory]).canaries.some(
          ({ canary }) =>
            canary.metadata.namespace === alert.namespace &&
            canary.metadata.name === alert.name,
        ),
      )
      .map(entity => stringifyEntityRef(entity));
  }
}
