import type { MeshRoutes } from '@vane/plugin-canary-node';

/** Where a new routing object starts: all traffic on the primary, nothing mirrored. */
export const INITIAL_ROUTES: MeshRoutes = Object.freeze({
  primaryWeight: 100,
  canaryWeight: 0,
  mirrored: false,
});
