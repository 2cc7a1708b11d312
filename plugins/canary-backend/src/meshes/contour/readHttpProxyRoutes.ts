import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

interface ProxyService {
  name?: string;
  weight?: number;
  mirror?: boolean;
}

/**
 * The weights an HTTPProxy carries for primary and canary, read from its first route as Flagger
 * reads them (the A/B route when there is one); mirrored when that route mirrors to the canary.
 * Undefined unless the route has a (non-mirror) Service for each.
 */
export function readHttpProxyRoutes(
  httpProxy: KubernetesObjectLike,
  names: { primaryName: string; canaryName: string },
): MeshRoutes | undefined {
  const spec = (httpProxy.spec ?? {}) as {
    routes?: Array<{ services?: ProxyService[] }>;
  };
  const services = Array.isArray(spec.routes?.[0]?.services)
    ? spec.routes![0].services!
    : [];
  const weighted = (name: string) =>
    services.find(s => s?.name === name && !s.mirror);
  const primary = weighted(names.primaryName);
  const canary = weighted(names.canaryName);
  if (!primary || !canary) return undefined;
  return {
    primaryWeight: primary.weight ?? 0,
    canaryWeight: canary.weight ?? 0,
    mirrored: services.some(s => s?.name === names.canaryName && s.mirror),
  };
}
