import express from 'express';
import Router from 'express-promise-router';
import type { MeshRouterRegistry } from '../mesh/MeshRouterRegistry';

/** The canary plugin's HTTP API, mounted by the backend at /api/canary. */
export async function createRouter(options: {
  meshRouters: MeshRouterRegistry;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  // Behind the backend's default auth policy: signed-in users and other backend plugins only.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', meshProviders: options.meshRouters.providers() });
  });

  return router;
}
