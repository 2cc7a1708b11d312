import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  canaryPermissions,
  canaryRolloutReadPermission,
  canaryRolloutUpdatePermission,
} from './permissions';

describe('canary permissions', () => {
  // The default policy and the catalog's ownership condition rely on both being resource
  // permissions of the catalog entity; a plain permission could not be made conditional.
  it('are catalog-entity resource permissions, so ownership can be checked per entity', () => {
    for (const permission of canaryPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });

  it('distinguish reading from acting by name and action', () => {
    expect(canaryRolloutReadPermission.name).toBe('canary.rollout.read');
    expect(canaryRolloutReadPermission.attributes.action).toBe('read');
    expect(canaryRolloutUpdatePermission.name).toBe('canary.rollout.update');
    expect(canaryRolloutUpdatePermission.attributes.action).toBe('update');
  });
});
