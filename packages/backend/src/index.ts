/*
 * Vane's Backstage backend: the catalog, the Scaffolder with Vane's actions, permissions with
 * Vane's ownership policy, guest sign-in for the demo, the canary plugin, Backstage's
 * notifications and signals, and Backstage's Kubernetes plugin.
 */
import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleVanePolicy } from './permissions/permissionModuleVanePolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleVanePolicy);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@vane/plugin-scaffolder-backend-module-canary'));

backend.add(import('@vane/plugin-canary-backend'));

// Backstage's MCP server over the actions registry: Vane's reads and operator actions as tools
// for AI agents (`backend.actions.pluginSources` in app-config.yaml picks the plugins).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Backstage's notifications (and signals, so they arrive live): the canary engine tells the
// owners of a Canary's entities when its rollout waits at a gate or is rolled back.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Backstage's own Kubernetes plugin, beside Vane's, so `yarn bench:portal` compares the two in
// one backend. Without a `kubernetes` config block it only logs a warning and serves nothing.
backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.start();
