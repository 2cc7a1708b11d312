import { useApi } from '@backstage/core-plugin-api';
import type { EntityRolloutsResponse } from '@vane/plugin-canary-common';
import { canaryApiRef } from '../api/CanaryApi';
import { LiveStreamState, useLiveStream } from './useLiveStream';

/**
 * The rollouts of one entity, live from the backend's stream, with the first answer from
 * `getEntityRollouts` so the card shows at once. `enabled: false` (an entity not linked to any
 * Canary) opens no stream at all.
 *
 * @public
 */
export function useLiveEntityRollouts(
  entityRef: string,
  options: { enabled?: boolean; initialRequest?: boolean } = {},
): LiveStreamState<EntityRolloutsResponse> {
  const canaryApi = useApi(canaryApiRef);
  const enabled = options.enabled ?? true;
  const initialRequest = options.initialRequest ?? true;
  return useLiveStream<EntityRolloutsResponse>(
    enabled
      ? (onData, onError) =>
          canaryApi.streamEntityRollouts(entityRef, onData, onError)
      : undefined,
    enabled && initialRequest
      ? () => canaryApi.getEntityRollouts(entityRef)
      : undefined,
    [canaryApi, entityRef, enabled, initialRequest],
  );
}
