import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { GatewayApiRouter } from './gatewayapi/GatewayApiRouter';
import { IstioRouter } from './istio/IstioRouter';
import { KubernetesRouter } from './kubernetes/KubernetesRouter';
import { SmiRouter } from './smi/SmiRouter';

/**
 * The mesh routers the canary backend ships with, each with what it refuses (`refuse`, checked
 * before anything is created). Adding a mesh is one new router and one line here (or a module
 * through canaryMeshRoutersExtensionPoint).
 */
export function createBuiltinMeshRouters(): MeshRouterFactory[] {
  return [IstioRouter, GatewayApiRouter, SmiRouter, KubernetesRouter].map(
    Router => ({
      provider: Router.provider,
      create: context => new Router(context),
      refuse: Router.refuse,
    }),
  );
}
