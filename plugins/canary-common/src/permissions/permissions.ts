import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Reading an entity's rollouts, health and history.
 *
 * A resource permission on the catalog entity, so a policy can make it conditional on the entity
 * (ownership, lifecycle, ...) and the catalog evaluates the condition.
 *
 * @public
 */
export const canaryRolloutReadPermission = createPermission({
  name: 'canary.rollout.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every operator action on a rollout (pause, resume, abort, promote, approve, retry) and applying
 * a Canary through the backend. Vane's default policy grants it to the owners of the entity only.
 *
 * @public
 */
export const canaryRolloutUpdatePermission = createPermission({
  name: 'canary.rollout.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * All permissions of the canary plugin, for registration with the permission framework.
 *
 * @public
 */
export const canaryPermissions = [
  canaryRolloutReadPermission,
  canaryRolloutUpdatePermission,
];
