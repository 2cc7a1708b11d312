import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { canaryRolloutUpdatePermission } from '@vane/plugin-canary-common';
import type express from 'express';
import { auditedOperation } from '../audit/auditedOperation';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { authorizedEntity } from '../service/authorizedEntity';
import { planRolloutAction } from '../service/planRolloutAction';
import type { RolloutReader } from '../service/RolloutReader';
import type { CanaryOperationOptions } from './CanaryOperationOptions';
import type { RolloutAddress } from './RolloutAddress';

/** What an operator action answers (the 202 of the HTTP route, the output of the registry's action). */
export interface RolloutActionResult {
  action: string;
  /** `cluster/namespace/name` */
  canary: string;
  message: string;
  /** Applied, but its Event or history row could not be written. */
  warnings?: string[];
}

/**
 * An operator action (pause, resume, abort, promote, retry, approve) on one of an entity's
 * rollouts, for a user; the one implementation behind the HTTP route and the actions registry.
 * Owners only (canary.rollout.update, conditional on the entity); the action is written as an
 * annotation the engine acts on at its next tick, as an Event with the user, in the history, and
 * as an audit event (`rollout-action`) whatever the outcome. A denied, unknown or ill-timed action
 * changes nothing in the cluster.
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
      user,
      entityRef: stringifyEntityRef(address.entity),
      canary: { cluster, namespace: canaryNamespace, name: canary },
    },
    successMeta: result => ({
      message: result.message,
      ...(result.warnings ? { warnings: result.warnings } : {}),
    }),
    run: async () => {
      const entity = await authorizedEntity({
        ...options,
        credentials,
        params: address.entity,
        permission: canaryRolloutUpdatePermission,
        denied: ref => `Only owners of ${ref} may ${action} its rollouts`,
      });
      const entityRef = stringifyEntityRef(entity);
      const rollout = options.reader
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
      return {
        action,
        canary: `${cluster}/${canaryNamespace}/${canary}`,
        message: plan.message,
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    },
  });
}
