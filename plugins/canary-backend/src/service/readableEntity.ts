import type { Entity } from '@backstage/catalog-model';
import { canaryRolloutReadPermission } from '@vane/plugin-canary-common';
import type express from 'express';
import { authorizedEntity } from './authorizedEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';

/** The entity `params` names, once the caller of `req` may read its rollouts (404/403 otherwise). */
export async function readableEntity(
  options: CanaryRouteOptions,
  req: express.Request,
  params: { kind: string; namespace: string; name: string },
): Promise<Entity> {
  return authorizedEntity({
    ...options,
    credentials: await options.httpAuth.credentials(req),
    params,
    permission: canaryRolloutReadPermission,
    denied: entityRef => `You may not read the rollouts of ${entityRef}`,
  });
}
