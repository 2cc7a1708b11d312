import type { GatewayEntrance } from '../../GatewayEntrance';
import type { RoutingObjects, ServiceLike } from '../../RoutingObjects';

/**
 * The entrance a Service of Traefik is (its selector picks `app.kubernetes.io/name: traefik`, as
 * Traefik's chart writes it for `traefik/traefik`), with its Ready proxy pod; undefined for any
 * other Service.
 */
export function findTraefikEntrance(
  ref: string,
  service: ServiceLike,
  objects: RoutingObjects,
): GatewayEntrance | undefined {
  const selector = service.spec?.selector ?? {};
  if (selector['app.kubernetes.io/name'] !== 'traefik') return undefined;
  const namespace = service.metadata?.namespace ?? 'default';
  const pod = objects.readyPods(namespace, selector)[0];
  const ip = service.spec?.clusterIP;
  return {
    ref,
    kind: 'traefik',
    proxy: pod && { workload: pod.workload, namespace, labels: pod.labels },
    address: ip && ip !== 'None' ? ip : `${service.metadata?.name}.${namespace}.svc.cluster.local`,
  };
}
