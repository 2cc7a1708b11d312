import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CanaryRollout,
  CanaryRolloutError,
  canaryRolloutReadPermission,
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
