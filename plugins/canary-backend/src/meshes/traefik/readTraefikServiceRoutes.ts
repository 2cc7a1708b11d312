import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

interface ServiceRef {
  name?: string;
  weight?: number;
  percent?: number;
}

/**
 * The weights a TraefikService carries for primary and canary: a weighted one's services, where
 * a service without a weight weighs 1 and a missing one 0, as Traefik reads them (Flagger's
 * objects list the canary only once it has weight); a mirroring one sends everything to its
 * main service, and mirrors when the canary is among its mirrors. Undefined when it names
 * neither the primary nor, mirroring, the primary as its main service.
 */
export function readTraefikServiceRoutes(
  traefikService: KubernetesObjectLike,
  names: { primaryName: string; canaryName: string },
): MeshRoutes | undefined {
  const spec = (traefikService.spec ?? {}) as {
    weighted?: { services?: unknown };
    mirroring?: ServiceRef & { mirrors?: unknown };
  };
  if (spec.mirroring) {
    if (spec.mirroring.name !== names.primaryName) return undefined;
    const mirrors = (
      Array.isArray(spec.mirroring.mirrors) ? spec.mirroring.mirrors : []
    ) as ServiceRef[];
    return {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: mirrors.some(m => m?.name === names.canaryName),
    };
  }
  const services = (
    Array.isArray(spec.weighted?.services) ? spec.weighted!.services : []
  ) as ServiceRef[];
  const weightOf = (name: string) => {
    const service = services.find(s => s?.name === name);
    return service ? service.weight ?? 1 : undefined;
  };
  const primaryWeight = weightOf(names.primaryName);
  if (primaryWeight === undefined) return undefined;
  return {
    primaryWeight,
    canaryWeight: weightOf(names.canaryName) ?? 0,
    mirrored: false,
  };
}
