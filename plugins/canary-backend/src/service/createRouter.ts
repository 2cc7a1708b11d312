import {
  EntityRolloutsResponse,
  RolloutsResponse,
} from '@vane/plugin-canary-common';
import express from 'express';
import Router from 'express-promise-router';
import type { MeshRouterRegistry } from '../meshes/MeshRouterRegistry';
import { readRolloutsQuery } from './readRolloutsQuery';
import { RolloutReader } from '../readModel/RolloutReader';
import { streamEntityRollouts } from './streamEntityRollouts';
import type { MeshHealthThresholds } from '@vane/plugin-canary-common';
import { DEFAULT_HEALTH_THRESHOLDS } from '../health/DEFAULT_HEALTH_THRESHOLDS';
import { PrometheusClients } from '../metrics/PrometheusClients';
import { entityHealthRoute } from './entityHealthRoute';
import { readEntityRollouts } from '../operations/readEntityRollouts';
import { readReleases } from '../operations/readReleases';
import { rolloutAnalysisRoute } from './rolloutAnalysisRoute';
import { rolloutsStreamRoute } from './rolloutsStreamRoute';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { historyRoute } from './historyRoute';
import { rolloutActionRoute } from './rolloutActionRoute';
import { readableEntity } from './readableEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { clustersRoute } from './clustersRoute';
import { entityWorkloadsRoute } from './entityWorkloadsRoute';
import { applyCanaryRoute } from './applyCanaryRoute';
import { appliedCanaryRoute } from './appliedCanaryRoute';
import type { EventLoopDelay } from './EventLoopDelay';

/** The canary plugin's HTTP API, mounted by the backend at /api/canary. */
export async function createRouter(
  options: CanaryRouteOptions & {
    meshRouters: MeshRouterRegistry;
    /** The rollout history in the plugin's database; operator actions are recorded in it. */
    history?: RolloutHistoryStore;
    /** The mesh health statuses' thresholds (`canary.health.thresholds`); Kiali's by default. */
    healthThresholds?: MeshHealthThresholds;
    /** The backend's event loop delay, reported on /health; not reported when absent. */
    eventLoopDelay?: Pick<EventLoopDelay, 'read'>;
  },
): Promise<express.Router> {
  const { httpAuth } = options;
  const reader = new RolloutReader(options.clusters);
  const router = Router();
  router.use(express.json());

  // Behind the backend's default auth policy: signed-in users and other backend plugins only.
  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      meshProviders: options.meshRouters.providers(),
      ...(options.eventLoopDelay
        ? { eventLoopDelay: options.eventLoopDelay.read() }
        : {}),
    });
  });

  router.get('/entities/:kind/:namespace/:name/rollouts', async (req, res) => {
    const { kind, namespace, name } = req.params;
    const body: EntityRolloutsResponse = await readEntityRollouts(
      { ...options, reader },
      {
        credentials: await httpAuth.credentials(req),
        entity: { kind, namespace, name },
      },
    );
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/stream', async (req, res) => {
    const entity = await readableEntity(
      options,
      await httpAuth.credentials(req),
      req.params,
    );
    streamEntityRollouts({
      entity,
      reader,
      clusters: options.clusters(),
      req,
      res,
    });
  });

  rolloutActionRoute(router, options);

  router.get('/rollouts', async (req, res) => {
    const body: RolloutsResponse = await readReleases(
      { ...options, reader },
      {
        credentials: await httpAuth.credentials(req),
        query: readRolloutsQuery(req.query),
      },
    );
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
