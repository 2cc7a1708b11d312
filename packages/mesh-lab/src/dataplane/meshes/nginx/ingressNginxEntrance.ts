import type { GatewayEntrance } from '../../GatewayEntrance';
import type { RoutingObjects, ServiceLike } from '../../RoutingObjects';

/**
 * The pod labels the ingress-nginx Helm chart puts on its controller and selects in the
 * controller's Service (`ingress-nginx-controller`); the lab's controller carries them too.
 */
export const INGRESS_NGINX_CONTROLLER_LABELS = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
} as const;

/**
 * The ingress-nginx controller behind a Service, when the Service selects its pods (the chart's
 * `app.kubernetes.io/name: ingress-nginx` and `component: controller`); undefined for any
 * other Service. Requests reach one of its Ready pods (none: nothing answers), which routes
 * them by the Ingresses of its class (resolveAtIngressNginx).
 */
export function ingressNginxEntrance(
  ref: string,
  service: ServiceLike,
  objects: RoutingObjects,
): GatewayEntrance | undefined {
  const selector = service.spec?.selector ?? {};
  if (
    selector['app.kubernetes.io/name'] !== INGRESS_NGINX_CONTROLLER_LABELS['app.kubernetes.io/name'] ||
    selector['app.kubernetes.io/component'] !== INGRESS_NGINX_CONTROLLER_LABELS['app.kubernetes.io/component']
  ) {
    return undefined;
  }
  const namespace = service.metadata?.namespace ?? 'default';
  const pod = objects.readyPods(namespace, selector)[0];
  const ip = service.spec?.clusterIP;
  return {
    ref,
    kind: 'ingress-nginx',
    proxy: pod && { workload: pod.workload, namespace, labels: pod.labels, pod: pod.name },
    address: ip && ip !== 'None' ? ip : `${service.metadata?.name}.${namespace}.svc.cluster.local`,
  };
}
