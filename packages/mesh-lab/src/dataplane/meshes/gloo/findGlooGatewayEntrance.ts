import type { GatewayEntrance } from '../../GatewayEntrance';
import type { RoutingObjects, ServiceLike } from '../../RoutingObjects';

/** The label Gloo's chart puts on its gateway proxies' pods and selects them by. */
export const GLOO_GATEWAY_PROXY_ID_LABEL = 'gateway-proxy-id';

/**
 * The entrance a Service of Gloo's gateway-proxy is (its selector carries the
 * `gateway-proxy-id` label, as Gloo's chart writes it for `gloo-system/gateway-proxy`), with its
 * Ready proxy pod; undefined for any other Service.
 */
export function findGlooGatewayEntrance(
  ref: string,
  service: ServiceLike,
  objects: RoutingObjects,
): GatewayEntrance | undefined {
  const selector = service.spec?.selector ?? {};
  if (!(GLOO_GATEWAY_PROXY_ID_LABEL in selector)) return undefined;
  const namespace = service.metadata?.namespace ?? 'default';
  const pod = objects.readyPods(namespace, selector)[0];
  const ip = service.spec?.clusterIP;
  return {
    ref,
    kind: 'gloo',
    proxy: pod && { workload: pod.workload, namespace, labels: pod.labels },
    address: ip && ip !== 'None' ? ip : `${service.metadata?.name}.${namespace}.svc.cluster.local`,
  };
}
