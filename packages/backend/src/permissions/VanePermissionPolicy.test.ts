import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  canaryRolloutReadPermission,
  canaryRolloutUpdatePermission,
} from '@vane/plugin-canary-common';
import { VanePermissionPolicy } from './VanePermissionPolicy';

const guest = {
  credentials: mockCredentials.user('user:default/guest'),
  info: {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest'],
  },
};

describe('VanePermissionPolicy', () => {
  // The catalog resolves the guest's groups at sign-in; the policy must use them, not just the user.
  const policy = new VanePermissionPolicy(
    mockServices.userInfo({
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest', 'group:default/team-podinfo'],
    }),
  );

  it("lets any signed-in user read an entity's rollouts", async () => {
    await expect(
      policy.handle({ permission: canaryRolloutReadPermission }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('makes rollout actions conditional on owning the entity, with the user and their groups as owners', async () => {
    await expect(
      policy.handle({ permission: canaryRolloutUpdatePermission }, guest),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/guest', 'group:default/team-podinfo'],
        },
      },
    });
  });

  it('keeps deleting catalog entities to their owners too', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      guest,
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
  });

  it('allows creating things that are not tied to an entity, such as running a template', async () => {
    const runTemplate = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    await expect(
      policy.handle({ permission: runTemplate }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies when there is no user', async () => {
    await expect(
      policy.handle({ permission: canaryRolloutReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
