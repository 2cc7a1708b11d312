import type { GatewayEntrance } from '../../GatewayEntrance';
import type { RoutingObjects, ServiceLike } from '../../RoutingObjects';

/** The pod label of Contour's Envoy in Contour's example manifests (examples/contour), which its Service selects. */
export const CONTOUR_ENVOY_LABELS = { app: 'envoy' } as const;

/**
 * Contour's Envoy behind a Service, when the Service selects its pods (`app: envoy`, as
 * Contour's quickstart deploys it); undefined for any other Service. Requests reach one of its
 * Ready pods (none: nothing answers), which routes them by Contour's HTTPProxies
 * (resolveAtContourEnvoy).
 */
export function contourEnvoyEntrance(
  ref: string,
  service: ServiceLike,
  objects: RoutingObjects,
): GatewayEntrance | undefined {
  const selector = service.spec?.selector ?? {};
  if (selector.app !== CONTOUR_ENVOY_LABELS.app) return undefined;
  const namespace = service.metadata?.namespace ?? 'default';
  const pod = objects.readyPods(namespace, selector)[0];
  const ip = service.spec?.clusterIP;
  return {
    ref,
    kind: 'contour',
    proxy: pod && { workload: pod.workload, namespace, labels: pod.labels, pod: pod.name },
    address: ip && ip !== 'None' ? ip : `${service.metadata?.name}.${namespace}.svc.cluster.local`,
  };
}
