import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { canaryRolloutUpdatePermission } from '@vane/plugin-canary-common';
import type express from 'express';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { authorizedEntity } from './authorizedEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { planRolloutAction } from './planRolloutAction';
import { RolloutReader } from './RolloutReader';

/**
 * Operator actions, `POST /entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/:action`.
 * Owners only (canary.rollout.update, conditional on the entity); the action is written as an
 * annotation the engine acts on at its next tick, as an Event with the user, and in the history.
 * A denied, unknown or ill-timed action changes nothing.
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
      const { cluster, canaryNamespace, canary, action } = req.params;
      const entity = await authorizedEntity({
        ...options,
        credentials,
        params: req.params,
        permission: canaryRolloutUpdatePermission,
        denied: ref => `Only owners of ${ref} may ${action} its rollouts`,
      });
      const entityRef = stringifyEntityRef(entity);
      const rollout = reader
        .entityRollouts(entity)
        .items.find(
          r =>
            r.cluster === cluster &&
            r.namespace === canaryNamespace &&
            r.name === canary,
        );
      const target = options.clusters().find(c => c.config.name === cluster);
      const ref = {
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        namespace: canaryNamespace,
        name: canary,
      };
      const object: any = target?.cache.getNow(ref);
      if (!rollout || !target || !object) {
        throw new NotFoundError(
          `Canary ${canaryNamespace}/${canary} in cluster ${cluster} is not a rollout of ${entityRef}`,
        );
      }
      const user = credentials.principal.userEntityRef;
      const now = new Date().toISOString();
      const plan = planRolloutAction({
        action,
        phase: object.status?.phase,
        annotations: object.metadata.annotations,
        gate: object.status?.gate,
        stepPause: object.status?.stepPause,
        user,
        now,
      });
      if ('invalid' in plan) {
        throw new InputError(plan.invalid);
      }
      if ('conflict' in plan) {
        throw new ConflictError(
          `${plan.conflict} (phase ${object.status?.phase ?? 'none'})`,
        );
      }
      await target.writer.patch(ref, plan.patch);
      // The action is applied from here on: an Event or history row that cannot be written is
      // reported beside the 202, never a 500 that would make the caller try again.
      const warnings: string[] = [];
      const recordOrWarn = async (what: string, write: () => Promise<void>) => {
        try {
          await write();
        } catch (error) {
          warnings.push(
            `${plan.message}, but the ${what} could not be written: ${
              (error as Error).message
            }`,
          );
        }
      };
      await recordOrWarn('Kubernetes Event', () =>
        target.writer.createEvent(
          buildCanaryEvent({
            canary: object,
            severity: 'Normal',
            message: `${plan.message} in the portal`,
            now: new Date(),
          }) as any,
        ),
      );
      await recordOrWarn('rollout history', async () => {
        await options.history?.recordAction({
          canary: { cluster, namespace: canaryNamespace, name: canary },
          action,
          user,
          message: plan.message,
          at: now,
        });
      });
      res.status(202).json({
        action,
        canary: `${cluster}/${canaryNamespace}/${canary}`,
        message: plan.message,
        ...(warnings.length > 0 ? { warnings } : {}),
      });
    },
  );
}
