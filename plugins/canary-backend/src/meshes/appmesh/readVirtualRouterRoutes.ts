import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

interface Route {
  httpRoute?: {
    action?: {
      weightedTargets?: Array<{
        virtualNodeRef?: { name?: string };
        weight?: number;
      }>;
    };
  };
}

/**
 * The weights an apex VirtualRouter carries for primary and canary, read from its first route
 * with a weighted target to each VirtualNode (the weighted route, or A/B's first header route),
 * as Flagger reads them; undefined when no route has both. App Mesh never mirrors.
 */
export function readVirtualRouterRoutes(
  virtualRouter: KubernetesObjectLike,
  names: { primaryName: string; canaryName: string },
): MeshRoutes | undefined {
  const spec = (virtualRouter.spec ?? {}) as { routes?: unknown };
  const routes = (Array.isArray(spec.routes) ? spec.routes : []) as Route[];
  for (const route of routes) {
    const targets = route?.httpRoute?.action?.weightedTargets ?? [];
    const weightOf = (name: string) =>
      targets.find(t => t?.virtualNodeRef?.name === name)?.weight;
    const primaryWeight = weightOf(names.primaryName);
    const canaryWeight = weightOf(names.canaryName);
    if (primaryWeight !== undefined && canaryWeight !== undefined) {
      return { primaryWeight, canaryWeight, mirrored: false };
    }
  }
  return undefined;
}
