import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { RolloutsResponse } from '@vane/plugin-canary-common';
import { collectRollouts } from '../readModel/collectRollouts';
import { readableRolloutEntities } from '../service/readableRolloutEntities';
import type { RolloutsQuery } from '../service/readRolloutsQuery';
import type { RolloutReader } from '../readModel/RolloutReader';
import type { CanaryOperationOptions } from './CanaryOperationOptions';

/**
 * The rollouts of every entity the caller may read (owned by the query's teams, if it names
 * any), filtered and paged: `GET /rollouts` (the release overview) and the actions registry's
 * list-releases.
 */
export async function readReleases(
  options: CanaryOperationOptions & { reader: RolloutReader },
  input: { credentials: BackstageCredentials; query: RolloutsQuery },
): Promise<RolloutsResponse> {
  const entities = await readableRolloutEntities({
    catalog: options.catalog,
    permissions: options.permissions,
    credentials: input.credentials,
    owners: input.query.owners,
  });
  return collectRollouts(options.reader, entities, input.query);
}
