import type express from 'express';
import type { MeshRouterRegistry } from '../meshes/MeshRouterRegistry';
import { applyEntityCanary } from '../operations/applyEntityCanary';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { RolloutReader } from '../readModel/RolloutReader';

/**
 * `POST /entities/:kind/:namespace/:name/canaries` with `{ cluster, canary, metricTemplate? }`,
 * for signed-in users (the Scaffolder's canary:apply calls it on their behalf): see
 * applyEntityCanary (owners only; checked before anything is written; audited). 201 for a
 * created Canary, 200 for an updated or unchanged one.
 */
export function applyCanaryRoute(
  router: express.Router,
  options: CanaryRouteOptions & { meshRouters: MeshRouterRegistry },
): void {
  const reader = new RolloutReader(options.clusters);
  router.post('/entities/:kind/:namespace/:name/canaries', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const { kind, namespace, name } = req.params;
    const body = await applyEntityCanary(
      { ...options, reader },
      {
        credentials,
        entity: { kind, namespace, name },
        body: req.body,
        request: req,
      },
    );
    res.status(body.result === 'created' ? 201 : 200).json(body);
  });
}
