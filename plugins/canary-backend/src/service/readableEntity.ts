import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { canaryRolloutReadPermission } from '@vane/plugin-canary-common';
import type { CanaryOperationOptions } from '../operations/CanaryOperationOptions';
import { authorizedEntity } from './authorizedEntity';

/** The entity `params` names, once `credentials` may read its rollouts (404/403 otherwise). */
export async function readableEntity(
  options: Pick<CanaryOperationOptions, 'catalog' | 'permissions'>,
  credentials: BackstageCredentials,
  params: { kind: string; namespace: string; name: string },
): Promise<Entity> {
  return authorizedEntity({
    ...options,
    credentials,
    params,
    permission: canaryRolloutReadPermission,
    denied: entityRef => `You may not read the rollouts of ${entityRef}`,
  });
}
