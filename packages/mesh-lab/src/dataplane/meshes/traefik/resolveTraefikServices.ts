import type { RouteBackend, RouteRule } from '../../RouteTable';
import type { TraefikServiceLike, TraefikServiceRefLike } from './TraefikObjects';

// Nesting deeper than this is a loop (Traefik refuses cycles).
const MAX_DEPTH = 8;

/**
 * Where the services a route (or a weighted TraefikService) names send requests, as Traefik's
 * weighted round robin does: each service by its `weight` (1 without one; a service of weight 0
 * or less is left out), a TraefikService by its own services in proportion (weighted) or all to
 * its main service (mirroring), down to the Kubernetes Services, each reported as Traefik's
 * kubernetescrd provider names it, `<namespace>-<name>-<port>@kubernetescrd`. A mirroring
 * TraefikService a route names alone adds its first mirror, at its `percent`, as the rule's
 * mirror (the lab mirrors per rule).
 */
export function resolveTraefikServices(
  refs: readonly TraefikServiceRefLike[],
  namespace: string,
  traefikServices: readonly TraefikServiceLike[],
): Pick<RouteRule, 'backends' | 'mirror'> {
  const backends = share(refs, namespace, traefikServices, 0);
  const only = refs.length === 1 ? traefikServiceOf(refs[0], namespace, traefikServices) : undefined;
  const mirror = only?.spec?.mirroring?.mirrors?.[0];
  const mirrorBackend = mirror && leaf(mirror, only!.metadata?.namespace ?? namespace, 100);
  return {
    backends,
    ...(mirrorBackend ? { mirror: { backend: mirrorBackend, percent: mirror.percent ?? 0 } } : {}),
  };
}

function traefikServiceOf(
  ref: TraefikServiceRefLike,
  namespace: string,
  traefikServices: readonly TraefikServiceLike[],
): TraefikServiceLike | undefined {
  if (ref.kind !== 'TraefikService') return undefined;
  return traefikServices.find(
    s => s.metadata?.name === ref.name && (s.metadata?.namespace ?? 'default') === (ref.namespace ?? namespace),
  );
}

/** The Kubernetes Services behind `refs`, each with its share of the requests (summing to 1). */
function share(
  refs: readonly TraefikServiceRefLike[],
  namespace: string,
  traefikServices: readonly TraefikServiceLike[],
  depth: number,
): RouteBackend[] {
  if (depth > MAX_DEPTH) return [];
  const weighted = refs.map(ref => ({ ref, weight: ref.weight ?? 1 })).filter(r => r.weight > 0 && r.ref.name);
  const total = weighted.reduce((sum, r) => sum + r.weight, 0);
  return weighted.flatMap(({ ref, weight }) => {
    const fraction = weight / total;
    if (ref.kind !== 'TraefikService') {
      const backend = leaf(ref, namespace, fraction);
      return backend ? [backend] : [];
    }
    const service = traefikServiceOf(ref, namespace, traefikServices);
    if (!service) return [];
    const serviceNamespace = service.metadata?.namespace ?? 'default';
    const children = service.spec?.mirroring
      ? share([{ ...service.spec.mirroring, weight: 1 }], serviceNamespace, traefikServices, depth + 1)
      : share(service.spec?.weighted?.services ?? [], serviceNamespace, traefikServices, depth + 1);
    return children.map(child => ({ ...child, weight: child.weight * fraction }));
  });
}

function leaf(ref: TraefikServiceRefLike, namespace: string, weight: number): RouteBackend | undefined {
  if (!ref.name || (ref.kind && ref.kind !== 'Service')) return undefined;
  const serviceNamespace = ref.namespace ?? namespace;
  return {
    service: ref.name,
    namespace: serviceNamespace,
    ...(typeof ref.port === 'number' ? { port: ref.port } : {}),
    weight,
    traefikServiceName: `${serviceNamespace}-${ref.name}-${ref.port ?? ''}@kubernetescrd`,
  };
}
