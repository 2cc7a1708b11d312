import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type express from 'express';
import { collectRollouts } from '../readModel/collectRollouts';
import { readableRolloutEntities } from './readableRolloutEntities';
import type { RolloutsQuery } from './readRolloutsQuery';
import type { RolloutCluster } from '../readModel/RolloutCluster';
import type { RolloutReader } from '../readModel/RolloutReader';
import { serveRolloutEvents } from './serveRolloutEvents';

/**
 * The team-wide live stream (`GET /stream`, the query of `GET /rollouts`): a `rollouts` event
 * with the `RolloutsResponse` at once and after every change of the caches. The entities and the
 * caller's permissions on them are read from the catalog once per connection and then every
 * `entitiesRefreshMs`, not per change: with 1,000 Canaries a rollout step must not cost a catalog
 * query per open page. A change recomputes from the caches only (and a catalog that no longer
 * answers keeps the last list rather than closing the stream).
 */
export async function streamRollouts(options: {
  query: RolloutsQuery;
  catalog: CatalogService;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  reader: RolloutReader;
  clusters: readonly RolloutCluster[];
  req: express.Request;
  res: express.Response;
  entitiesRefreshMs?: number;
  debounceMs?: number;
}) {
  const { query, reader } = options;
  const readEntities = () =>
    readableRolloutEntities({ ...options, owners: query.owners });
  // A client gone while the catalog answers must not leave a refresh timer behind.
  let closed = false;
  options.req.once('close', () => {
    closed = true;
  });
  // Read before the stream opens, so a catalog error is still an HTTP error.
  let entities: Entity[] = await readEntities();
  if (closed) {
    return;
  }

  const stream = serveRolloutEvents({
    ...options,
    // Team pages show many rollouts; a little more debounce keeps a busy cluster cheap.
    debounceMs: options.debounceMs ?? 300,
    compute: () => collectRollouts(reader, entities, query),
  });

  const timer = setInterval(async () => {
    try {
      const next = await readEntities();
      if (!closed) {
        entities = next;
        stream.refresh();
      }
    } catch {
      // Keep serving the last list; the next refresh tries again.
    }
  }, options.entitiesRefreshMs ?? 60_000);
  stream.onClose(() => clearInterval(timer));
}
