import type express from 'express';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { performRolloutAction } from '../operations/performRolloutAction';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { RolloutReader } from './RolloutReader';

/**
 * Operator actions, `POST /entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/:action`,
 * for signed-in users: see performRolloutAction (owners only; annotation, Event, history, audit).
 */
export function rolloutActionRoute(
  router: express.Router,
  options: CanaryRouteOptions & { history?: RolloutHistoryStore },
): void {
  const reader = new RolloutReader(options.clusters);
  router.post(
    '/entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/:action',
    async (req, res) => {
      const credentials = await options.httpAuth.credentials(req, {
        allow: ['user'],
      });
      const { kind, namespace, name, cluster, canaryNamespace, canary } =
        req.params;
      const body = await performRolloutAction(
        { ...options, reader },
        {
          credentials,
          rollout: {
            entity: { kind, namespace, name },
            canary: { cluster, namespace: canaryNamespace, name: canary },
          },
          action: req.params.action,
          request: req,
        },
      );
      res.status(202).json(body);
    },
  );
}
