import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The entity named by a route's `:kind/:namespace/:name`, fetched with the caller's credentials
 * (an entity the caller may not see is unknown to them), once the caller holds `permission` on it.
 * `denied` phrases the 403 for the route.
 */
export async function authorizedEntity(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  params: { kind: string; namespace: string; name: string };
  permission: ResourcePermission<'catalog-entity'>;
  denied: (entityRef: string) => string;
}): Promise<Entity> {
  const { catalog, permissions, credentials, params, permission } = options;
  const entity = await catalog.getEntityByRef(
    { kind: params.kind, namespace: params.namespace, name: params.name },
    { credentials },
  );
  if (!entity) {
    throw new NotFoundError(
      `No entity ${params.kind}:${params.namespace}/${params.name} in the catalog`,
    );
  }
  const entityRef = stringifyEntityRef(entity);
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${options.denied(entityRef)} (${permission.name})`,
    );
  }
  return entity;
}
