import { useApi } from '@backstage/core-plugin-api';
import type { RolloutsResponse } from '@vane/plugin-canary-common';
import { canaryApiRef, CanaryRolloutsQuery } from '../../api/CanaryApi';
import { LiveStreamState, useLiveStream } from '../../hooks/useLiveStream';

/**
 * The most rollouts the overview asks for at once: the backend's `GET /rollouts` limit. The page
 * filters by phase and cluster in the browser, so it holds all of an owner's rollouts at once.
 */
export const RELEASE_OVERVIEW_LIMIT = 2000;

/**
 * The rollouts of the given owners (all owners for an empty list), live from the backend's
 * stream; `owners` undefined (the user's teams not known yet) asks for nothing.
 */
export function useLiveReleases(
  owners: string[] | undefined,
): LiveStreamState<RolloutsResponse> {
  const canaryApi = useApi(canaryApiRef);
  const ownersKey = owners?.join(',');
  const query: CanaryRolloutsQuery = {
    owners,
    limit: RELEASE_OVERVIEW_LIMIT,
  };
  return useLiveStream<RolloutsResponse>(
    owners
      ? (onData, onError) => canaryApi.streamRollouts(query, onData, onError)
      : undefined,
    owners ? () => canaryApi.getRollouts(query) : undefined,
    [canaryApi, ownersKey],
  );
}
