import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { canaryRolloutReadPermission } from '@vane/plugin-canary-common';
import { rolloutEntitiesFilter } from './rolloutEntitiesFilter';

/**
 * The entities that may have rollouts (a linking annotation), owned by one of `owners` if any
 * are given, whose rollouts the caller may read: those the caller may not read are left out, as
 * the catalog leaves out entities the caller may not see. Only the fields linking needs are read.
 */
export async function readableRolloutEntities(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  owners: string[];
}): Promise<Entity[]> {
  const { catalog, permissions, credentials } = options;
  const { items: entities } = await catalog.getEntities(
    {
      filter: rolloutEntitiesFilter(options.owners),
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials },
  );
  if (entities.length === 0) {
    return [];
  }
  const decisions = await permissions.authorize(
    entities.map(entity => ({
      permission: canaryRolloutReadPermission,
      resourceRef: stringifyEntityRef(entity),
    })),
    { credentials },
  );
  return entities.filter(
    (_entity, index) => decisions[index].result === AuthorizeResult.ALLOW,
  );
}
