import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import { planRolloutAction } from './planRolloutAction';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CanaryRollout,
  CanaryRolloutError,
  canaryRolloutReadPermission,
  canaryRolloutUpdatePermission,
  EntityRolloutsResponse,
  RolloutsResponse,
} from '@vane/plugin-canary-common';
import express from 'express';
import Router from 'express-promise-router';
import type { MeshRouterRegistry } from '../mesh/MeshRouterRegistry';
import { readRolloutsQuery } from './readRolloutsQuery';
import { rolloutEntitiesFilter } from './rolloutEntitiesFilter';
import type { RolloutCluster } from './RolloutCluster';
import { RolloutReader } from './RolloutReader';
import { selectRollouts } from './selectRollouts';
import { streamEntityRollouts } from './streamEntityRollouts';

/** The canary plugin's HTTP API, mounted by the backend at /api/canary. */
export async function createRouter(options: {
  meshRouters: MeshRouterRegistry;
  /** The connected clusters; read per request, as clusters connect after the router exists. */
  clusters: () => readonly RolloutCluster[];
  catalog: CatalogService;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
}): Promise<express.Router> {
  const { catalog, permissions, httpAuth } = options;
  const reader = new RolloutReader(options.clusters);
  const router = Router();
  router.use(express.json());

  // Behind the backend's default auth policy: signed-in users and other backend plugins only.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', meshProviders: options.meshRouters.providers() });
  });

  /**
   * The entity, fetched with the caller's credentials (an entity the caller may not see is
   * unknown to them), once the caller may read its rollouts.
   */
  async function readableEntity(req: express.Request): Promise<Entity> {
    const credentials = await httpAuth.credentials(req);
    const { kind, namespace, name } = req.params;
    const entity = await catalog.getEntityByRef(
      { kind, namespace, name },
      { credentials },
    );
    if (!entity) {
      throw new NotFoundError(
        `No entity ${kind}:${namespace}/${name} in the catalog`,
      );
    }
    const entityRef = stringifyEntityRef(entity);
    const [decision] = await permissions.authorize(
      [{ permission: canaryRolloutReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not read the rollouts of ${entityRef} (${canaryRolloutReadPermission.name})`,
      );
    }
    return entity;
  }

  router.get('/entities/:kind/:namespace/:name/rollouts', async (req, res) => {
    const entity = await readableEntity(req);
    const body: EntityRolloutsResponse = {
      entityRef: stringifyEntityRef(entity),
      ...reader.entityRollouts(entity),
    };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/stream', async (req, res) => {
    const entity = await readableEntity(req);
    streamEntityRollouts({
      entity,
      reader,
      clusters: options.clusters(),
      req,
      res,
    });
  });

  /**
   * Operator actions. Owners only (canary.rollout.update, conditional on the entity); the action
   * is written as an annotation the engine acts on at its next tick, and as an Event with the
   * user. A denied, unknown or ill-timed action changes nothing.
   */
  router.post(
    '/entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/:action',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const {
        kind,
        namespace,
        name,
        cluster,
        canaryNamespace,
        canary,
        action,
      } = req.params;
      const entity = await catalog.getEntityByRef(
        { kind, namespace, name },
        { credentials },
      );
      if (!entity) {
        throw new NotFoundError(
          `No entity ${kind}:${namespace}/${name} in the catalog`,
        );
      }
      const entityRef = stringifyEntityRef(entity);
      const [decision] = await permissions.authorize(
        [{ permission: canaryRolloutUpdatePermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Only owners of ${entityRef} may ${action} its rollouts (${canaryRolloutUpdatePermission.name})`,
        );
      }
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
      const plan = planRolloutAction({
        action,
        phase: object.status?.phase,
        annotations: object.metadata.annotations,
        user,
        now: new Date().toISOString(),
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
      await target.writer.createEvent(
        buildCanaryEvent({
          canary: object,
          severity: 'Normal',
          message: `${plan.message} in the portal`,
          now: new Date(),
        }) as any,
      );
      res
        .status(202)
        .json({
          action,
          canary: `${cluster}/${canaryNamespace}/${canary}`,
          message: plan.message,
        });
    },
  );

  router.get('/rollouts', async (req, res) => {
    const query = readRolloutsQuery(req.query);
    const credentials = await httpAuth.credentials(req);
    const { items: entities } = await catalog.getEntities(
      {
        filter: rolloutEntitiesFilter(query.owners),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    // Entities whose rollouts the caller may not read are left out, as the catalog leaves out
    // entities the caller may not see.
    const decisions = entities.length
      ? await permissions.authorize(
          entities.map(entity => ({
            permission: canaryRolloutReadPermission,
            resourceRef: stringifyEntityRef(entity),
          })),
          { credentials },
        )
      : [];
    const inventories = reader.inventories();
    const rollouts: CanaryRollout[] = [];
    const errors = new Map<string, CanaryRolloutError>();
    entities.forEach((entity, index) => {
      if (decisions[index].result !== AuthorizeResult.ALLOW) {
        return;
      }
      const found = reader.entityRollouts(entity, inventories);
      rollouts.push(...found.items);
      // An unreachable cluster is reported once, not once per entity.
      found.errors.forEach(error => errors.set(JSON.stringify(error), error));
    });
    const body: RolloutsResponse = {
      ...selectRollouts(rollouts, query),
      errors: [...errors.values()],
    };
    res.json(body);
  });

  return router;
}
