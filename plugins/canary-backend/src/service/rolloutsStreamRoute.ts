import type express from 'express';
import { readRolloutsQuery } from './readRolloutsQuery';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { RolloutReader } from '../readModel/RolloutReader';
import { streamRollouts } from './streamRollouts';

/**
 * `GET /stream?owner=&phase=&cluster=`: the live `GET /rollouts` of a team (or any filter) as
 * Server-Sent Events; a bad query is a 400 before the stream opens.
 */
export function rolloutsStreamRoute(
  router: express.Router,
  options: CanaryRouteOptions,
): void {
  const reader = new RolloutReader(options.clusters);
  router.get('/stream', async (req, res) => {
    const query = readRolloutsQuery(req.query);
    await streamRollouts({
      ...options,
      query,
      credentials: await options.httpAuth.credentials(req),
      reader,
      clusters: options.clusters(),
      req,
      res,
    });
  });
}
