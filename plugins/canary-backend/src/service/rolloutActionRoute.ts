import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  canaryRolloutUpdatePermission,
  ROLLOUT_CONTROLLERS,
  RolloutController,
} from '@vane/plugin-canary-common';
import type express from 'express';
import { planControllerAction } from '../actions/planControllerAction';
import { writePlannedAction } from '../actions/writePlannedAction';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { READ_MODEL_RESOURCES } from '../readModel/READ_MODEL_RESOURCES';
import { RolloutReader } from '../readModel/RolloutReader';
import { authorizedEntity } from './authorizedEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';

/** The object each controller's rollouts are, and what the messages call it. */
const CONTROLLER_OBJECTS: Record<
  RolloutController,
  { resource: { apiVersion: string; kind: string }; called: string }
> = {
  vane: { resource: READ_MODEL_RESOURCES.canary, called: 'Canary' },
  'argo-rollouts': {
    resource: READ_MODEL_RESOURCES.argoRollout,
    called: 'Argo Rollout',
  },
  flagger: {
    resource: READ_MODEL_RESOURCES.flaggerCanary,
    called: 'Flagger Canary',
  },
};

/**
 * Operator actions, `POST /entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/:action[?controller=]`,
 * on the entity's rollouts whatever drives them; `controller` (`vane`, `argo-rollouts`,
 * `flagger`) picks one of two rollouts of the same name, Vane's by default. Owners only
 * (canary.rollout.update, conditional on the entity). What is written is the controller's own
 * API (actions/planControllerAction): annotations Vane's engine acts on at its next tick, the
 * patches `kubectl argo rollouts` writes, Flagger's `spec.suspend`; then an Event with the user,
 * and the history. A denied, unknown or ill-timed action changes nothing.
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
      const wanted = readController(req.query.controller);
      const entity = await authorizedEntity({
        ...options,
        credentials,
        params: req.params,
        permission: canaryRolloutUpdatePermission,
        denied: ref => `Only owners of ${ref} may ${action} its rollouts`,
      });
      const entityRef = stringifyEntityRef(entity);
      const named = reader
        .entityRollouts(entity)
        .items.filter(
          r =>
            r.cluster === cluster &&
            r.namespace === canaryNamespace &&
            r.name === canary &&
            (!wanted || r.controller === wanted),
        );
      // Two controllers' rollouts of one name (a team moving from Flagger): Vane's, unless asked.
      const rollout = named.find(r => r.controller === 'vane') ?? named[0];
      const controller = rollout?.controller ?? wanted ?? 'vane';
      const { resource, called } = CONTROLLER_OBJECTS[controller];
      const target = options.clusters().find(c => c.config.name === cluster);
      const ref = { ...resource, namespace: canaryNamespace, name: canary };
      const object: any = target?.cache.getNow(ref);
      if (!rollout || !target || !object) {
        throw new NotFoundError(
          `${called} ${canaryNamespace}/${canary} in cluster ${cluster} is not a rollout of ${entityRef}`,
        );
      }
      const user = credentials.principal.userEntityRef;
      const now = new Date();
      const plan = planControllerAction({
        controller,
        action,
        object,
        user,
        now,
      });
      if ('invalid' in plan) {
        throw new InputError(plan.invalid);
      }
      if ('conflict' in plan) {
        throw new ConflictError(
          `${plan.conflict} (phase ${rollout.status.phase ?? 'none'})`,
        );
      }
      await writePlannedAction(target.writer, ref, plan);
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
            now,
          }) as any,
        ),
      );
      await recordOrWarn('rollout history', async () => {
        await options.history?.recordAction({
          canary: { cluster, namespace: canaryNamespace, name: canary },
          controller,
          action,
          user,
          message: plan.message,
          at: now.toISOString(),
        });
      });
      res.status(202).json({
        action,
        canary: `${cluster}/${canaryNamespace}/${canary}`,
        ...(controller === 'vane' ? {} : { controller }),
        message: plan.message,
        ...(warnings.length > 0 ? { warnings } : {}),
      });
    },
  );
}

function readController(value: unknown): RolloutController | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const known = ROLLOUT_CONTROLLERS.find(controller => controller === value);
  if (!known) {
    throw new InputError(
      `controller must be one of ${ROLLOUT_CONTROLLERS.join(
        ', ',
      )} (got ${JSON.stringify(value)})`,
    );
  }
  return known;
}
