import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's teams: the groups among their ownership refs. A user in no group gets
 * their own refs instead, so "my releases" still means something rather than everyone's.
 */
export function useSignedInTeams(): {
  teams?: string[];
  error?: Error;
} {
  const identityApi = useApi(identityApiRef);
  const { value, error } = useAsync(async () => {
    const { userEntityRef, ownershipEntityRefs } =
      await identityApi.getBackstageIdentity();
    const groups = ownershipEntityRefs.filter(
      ref => parseEntityRef(ref).kind.toLowerCase() === 'group',
    );
    if (groups.length) return groups;
    // Never an empty list: the backend reads that as every owner.
    return ownershipEntityRefs.length ? ownershipEntityRefs : [userEntityRef];
  }, [identityApi]);
  return { teams: value, error };
}
