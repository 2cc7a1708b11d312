import type express from 'express';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { performRolloutAction } from '../operations/performRolloutAction';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { RolloutReader } from '../readModel/RolloutReader';

/**
 * Operator actions, `POST /entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/:action[?controller=]`,
 * for signed-in users, on the entity's rollouts whatever drives them; `controller` (`vane`,
 * `argo-rollouts`, `flagger`) picks one of two rollouts of the same name, Vane's by default. See
 * performRolloutAction (owners only; the controller's own API, Event, history, audit).
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
          controller: req.query.controller,
          request: req,
        },
      );
      res.status(202).json(body);
    },
  );
}
