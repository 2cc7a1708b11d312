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
  canaryRolloutReadPermission,
  canaryRolloutUpdatePermission,
  EntityRolloutsResponse,
  RolloutsResponse,
} from '@vane/plugin-canary-common';
import express from 'express';
import Router from 'express-promise-router';
import type { MeshRouterRegistry } from '../mesh/MeshRouterRegistry';
import { readRolloutsQuery } from './readRolloutsQuery';
import type { RolloutCluster } from './RolloutCluster';
import { RolloutReader } from './RolloutReader';
import { streamEntityRollouts } from './streamEntityRollouts';
import type { MeshHealthThresholds } from '@vane/plugin-canary-common';
import { DEFAULT_HEALTH_THRESHOLDS } from '../health/DEFAULT_HEALTH_THRESHOLDS';
import { PrometheusClients } from '../metrics/PrometheusClients';
import { collectRollouts } from './collectRollouts';
import { entityHealthRoute } from './entityHealthRoute';
import { readableRolloutEntities } from './readableRolloutEntities';
import { rolloutAnalysisRoute } from './rolloutAnalysisRoute';
import { rolloutsStreamRoute } from './rolloutsStreamRoute';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { historyRoute } from './historyRoute';
import { clustersRoute } from './clustersRoute';
import { entityWorkloadsRoute } from './entityWorkloadsRoute';
import { applyCanaryRoute } from './applyCanaryRoute';
import { appliedCanaryRoute } from './appliedCanaryRoute';

/** The canary plugin's HTTP API, mounted by the backend at /api/canary. */
export async function createRouter(options: {
  meshRouters: MeshRouterRegistry;
  /** The connected clusters; read per request, as clusters connect after the router exists. */
  clusters: () => readonly RolloutCluster[];
  catalog: CatalogService;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
  /** The rollout history in the plugin's database; operator actions are recorded in it. */
  history?: RolloutHistoryStore;
  /** The mesh health statuses' thresholds (`canary.health.thresholds`); Kiali's by default. */
  healthThresholds?: MeshHealthThresholds;
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
      const now = new Date().toISOString();
      const plan = planRolloutAction({
        action,
        phase: object.status?.phase,
        annotations: object.metadata.annotations,
        gate: object.status?.gate,
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
      await target.writer.createEvent(
        buildCanaryEvent({
          canary: object,
          severity: 'Normal',
          message: `${plan.message} in the portal`,
          now: new Date(),
        }) as any,
      );
      await options.history?.recordAction({
        canary: { cluster, namespace: canaryNamespace, name: canary },
        action,
        user,
        message: plan.message,
        at: now,
      });
      res.status(202).json({
        action,
        canary: `${cluster}/${canaryNamespace}/${canary}`,
        message: plan.message,
      });
    },
  );

  router.get('/rollouts', async (req, res) => {
    const query = readRolloutsQuery(req.query);
    const entities = await readableRolloutEntities({
      catalog,
      permissions,
      credentials: await httpAuth.credentials(req),
      owners: query.owners,
    });
    const body: RolloutsResponse = collectRollouts(reader, entities, query);
    res.json(body);
  });

  // Self-service (Scaffolder): clusters with their meshes, an entity's Deployments, apply a Canary.
  clustersRoute(router, options);
  entityWorkloadsRoute(router, options);
  applyCanaryRoute(router, options);
  appliedCanaryRoute(router, options);

  historyRoute(router, options);

  // Mesh health, analysis charts and the team-wide live stream.
  const prometheus = new PrometheusClients();
  const healthOptions = {
    ...options,
    thresholds: options.healthThresholds ?? DEFAULT_HEALTH_THRESHOLDS,
    prometheusAt: (url: string) => prometheus.at(url),
    historyById:
      options.history && ((id: number) => options.history!.getById(id)),
  };
  entityHealthRoute(router, healthOptions);
  rolloutAnalysisRoute(router, healthOptions);
  rolloutsStreamRoute(router, options);

  return router;
}
