import type { ClustersResponse } from '@vane/plugin-canary-common';
import type express from 'express';
import { describeCluster } from './describeCluster';
import type { RolloutCluster } from '../readModel/RolloutCluster';

/**
 * `GET /clusters`: the configured clusters with their discovered mesh providers and default
 * provider, so the Scaffolder can offer a provider without the user knowing the mesh. Names and
 * providers only: no URL or credential leaves the backend.
 */
export function clustersRoute(
  router: express.Router,
  options: { clusters: () => readonly RolloutCluster[] },
): void {
  router.get('/clusters', (_req, res) => {
    const body: ClustersResponse = {
      items: options.clusters().map(describeCluster),
    };
    res.json(body);
  });
}
