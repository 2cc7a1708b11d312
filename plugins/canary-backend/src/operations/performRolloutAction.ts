import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  canaryRolloutUpdatePermission,
  ROLLOUT_CONTROLLERS,
  RolloutController,
} from '@vane/plugin-canary-common';
import type express from 'express';
import { auditedOperation } from '../audit/auditedOperation';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { authorizedEntity } from '../service/authorizedEntity';
import { planControllerAction } from '../actions/planControllerAction';
import { writePlannedAction } from '../actions/writePlannedAction';
import { READ_MODEL_RESOURCES } from '../readModel/READ_MODEL_RESOURCES';
import type { RolloutReader } from '../readModel/RolloutReader';
import type { CanaryOperationOptions } from './CanaryOperationOptions';
import type { RolloutAddress } from './RolloutAddress';

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

/** What an operator action answers (the 202 of the HTTP route, the output of the registry's action). */
export interface RolloutActionResult {
  action: string;
  /** `cluster/namespace/name` */
  canary: string;
  /** What drives the rollout, when it is not Vane. */
  controller?: RolloutController;
  message: string;
  /** Applied, but its Event or history row could not be written. */
  warnings?: string[];
}

/**
 * An operator action on one of an entity's rollouts whatever drives it, for a user; the one
 * implementation behind the HTTP route and the actions registry. Owners only
 * (canary.rollout.update, conditional on the entity). What is written is the controller's own API
 * (actions/planControllerAction): annotations Vane's engine acts on at its next tick, the patches
 * `kubectl argo rollouts` writes, Flagger's `spec.suspend`; then an Event with the user, the
 * history, and an audit event (`rollout-action`) whatever the outcome. A denied, unknown or
 * ill-timed action changes nothing in the cluster.
 */
export async function performRolloutAction(
  options: CanaryOperationOptions & {
    reader: RolloutReader;
    history?: RolloutHistoryStore;
  },
  input: {
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    rollout: RolloutAddress;
    action: string;
    /**
     * `vane`, `argo-rollouts` or `flagger`, unchecked: picks one of two rollouts of the same name
     * (a team moving from Flagger); Vane's by default.
     */
    controller?: unknown;
    /** The HTTP request it came in, for the auditor; none through the actions registry. */
    request?: express.Request;
  },
): Promise<RolloutActionResult> {
  const { credentials, rollout: address, action } = input;
  const { cluster, namespace: canaryNamespace, name: canary } = address.canary;
  const user = credentials.principal.userEntityRef;
  return auditedOperation({
    auditor: options.auditor,
    eventId: 'rollout-action',
    severityLevel: 'medium',
    request: input.request,
    meta: {
      action,
      ...(typeof input.controller === 'string'
        ? { controller: input.controller }
        : {}),
      user,
      entityRef: stringifyEntityRef(address.entity),
      canary: { cluster, namespace: canaryNamespace, name: canary },
    },
    successMeta: result => ({
      ...(result.controller ? { controller: result.controller } : {}),
      message: result.message,
      ...(result.warnings ? { warnings: result.warnings } : {}),
    }),
    run: async () => {
      const wanted = readController(input.controller);
      const entity = await authorizedEntity({
        ...options,
        credentials,
        params: address.entity,
        permission: canaryRolloutUpdatePermission,
        denied: ref => `Only owners of ${ref} may ${action} its rollouts`,
      });
      const entityRef = stringifyEntityRef(entity);
      const named = options.reader
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
      // reported beside the answer, never an error that would make the caller try again.
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
      return {
        action,
        canary: `${cluster}/${canaryNamespace}/${canary}`,
        ...(controller === 'vane' ? {} : { controller }),
        message: plan.message,
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    },
  });
}

/** `?controller=` names one of the controllers Vane shows. */
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
