import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { canaryRolloutUpdatePermission } from '@vane/plugin-canary-common';

/**
 * The permissions of a test backend in which everyone may read rollouts and only `owner` may act
 * on them (canary.rollout.update), as an ownership rule would decide.
 */
export function ownerOnlyPermissions(owner: string) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      async authorize(requests: any[], options: any) {
        const user = options?.credentials?.principal?.userEntityRef;
        return requests.map(r => ({
          result:
            r.permission.name === canaryRolloutUpdatePermission.name &&
            user !== owner
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests: any[]) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    }),
  });
}
