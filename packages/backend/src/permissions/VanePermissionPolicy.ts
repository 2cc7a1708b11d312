import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { canaryRolloutUpdatePermission } from '@vane/plugin-canary-common';

/**
 * Vane's default policy: any signed-in user may read; acting on a rollout, and changing or
 * deleting a catalog entity, is for the entity's owners only (the user or one of their groups).
 * The ownership check is a conditional decision that the catalog evaluates per entity.
 */
export class VanePermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    // The framework only consults the policy for users; without one there is nobody to allow.
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { permission } = request;

    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }

    if (
      isPermission(permission, canaryRolloutUpdatePermission) ||
      isResourcePermission(permission, 'catalog-entity')
    ) {
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }

    // Creating things (registering a location, running a template) is open to signed-in users;
    // what a template then does to a rollout is checked by the canary permissions above.
    return { result: AuthorizeResult.ALLOW };
  }
}
