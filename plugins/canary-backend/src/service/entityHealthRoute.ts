import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  canaryRolloutReadPermission,
  EntityHealthResponse,
  MeshHealthThresholds,
} from '@vane/plugin-canary-common';
import type express from 'express';
import { findEntityWorkloads } from '../health/findEntityWorkloads';
import { overallHealthStatus } from '../health/overallHealthStatus';
import { parseHealthWindow } from '../health/parseHealthWindow';
import { readEntityHealth } from '../health/readEntityHealth';
import { authorizedEntity } from './authorizedEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { RolloutReader } from '../readModel/RolloutReader';

/**
 * `GET /entities/:kind/:namespace/:name/health?window=5m`: the mesh health of the entity's
 * Deployments (primary and canary apart while a Canary manages them) from each cluster's
 * Prometheus, with Kiali-style statuses. Reads need `canary.rollout.read` on the entity.
 */
export function entityHealthRoute(
  router: express.Router,
  options: CanaryRouteOptions & {
    thresholds: MeshHealthThresholds;
  },
): void {
  const reader = new RolloutReader(options.clusters);
  router.get('/entities/:kind/:namespace/:name/health', async (req, res) => {
    const window = parseHealthWindow(req.query.window);
    const entity = await authorizedEntity({
      ...options,
      credentials: await options.httpAuth.credentials(req),
      params: req.params,
      permission: canaryRolloutReadPermission,
      denied: ref => `You may not read the mesh health of ${ref}`,
    });
    const found = findEntityWorkloads(entity, reader.inventories());
    const measured = await readEntityHealth({
      workloads: found.workloads,
      clusters: options.clusters(),
      window,
      thresholds: options.thresholds,
      now: new Date(),
    });
    const errors = [...found.errors, ...measured.errors].map(
      ({ cluster, message }) => ({ ...(cluster ? { cluster } : {}), message }),
    );
    const body: EntityHealthResponse = {
      entityRef: stringifyEntityRef(entity),
      window: window.text,
      status: overallHealthStatus(
        measured.items.map(item => item.status),
        errors.length > 0,
      ),
      thresholds: options.thresholds,
      items: measured.items,
      errors,
    };
    res.json(body);
  });
}
