import { selectorMatchesLabels } from './binding/selectorMatchesLabels';
import type { GatewayEntrance } from './GatewayEntrance';
import { findGlooGatewayEntrance } from './meshes/gloo/findGlooGatewayEntrance';
import { findTraefikEntrance } from './meshes/traefik/findTraefikEntrance';
import { contourEnvoyEntrance } from './meshes/contour/contourEnvoyEntrance';
import { ingressNginxEntrance } from './meshes/nginx/ingressNginxEntrance';
import type { RoutingObjects, ServiceLike } from './RoutingObjects';

/**
 * The label Gateway API implementations put on the Service (and pods) they run for a Gateway
 * (GEP-1762, in-cluster gateway deployments; Istio and Envoy Gateway do so).
 */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * Finds the gateway `namespace/name` names, where north-south traffic enters:
 * 1. a Service labelled `gateway.networking.k8s.io/gateway-name` is the Service of that Gateway
 *    API Gateway (same namespace);
 * 2. a Service of an Istio gateway workload: its selector carries the `istio` label Istio's
 *    gateway charts give every gateway (`istio: ingressgateway`), or an Istio Gateway's selector
 *    picks the pods it selects; requests reach its Ready pods;
 * 3. a Service of Gloo's gateway-proxy or of Traefik (findGlooGatewayEntrance,
 *    findTraefikEntrance), where their VirtualServices and IngressRoutes apply, or of the
 *    ingress-nginx controller (ingressNginxEntrance) or of Contour's Envoy (contourEnvoyEntrance);
 * 4. otherwise a Gateway API Gateway of that name (one the lab runs no Service for).
 * Anything else is not a gateway, and the answer says why.
 */
export function findGatewayEntrance(
  ref: string,
  objects: RoutingObjects,
): GatewayEntrance | { error: string } {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(ref);
  if (!match) return { error: `a gateway is named <namespace>/<name>, got "${ref}"` };
  const [namespace, name] = [match[1], match[3]];
  const service = objects.service(namespace, name);
  const gatewayApi = (gatewayName: string) =>
    objects.gateways.find(g => g.metadata?.namespace === namespace && g.metadata?.name === gatewayName);

  if (service) {
    const gatewayName = service.metadata?.labels?.[GATEWAY_NAME_LABEL];
    if (gatewayName) {
      const gateway = gatewayApi(gatewayName);
      if (!gateway) {
        return {
          error: `Service ${ref} is labelled ${GATEWAY_NAME_LABEL}: ${gatewayName}, but there is no Gateway ${namespace}/${gatewayName} (gateway.networking.k8s.io)`,
        };
      }
      return gatewayApiEntrance(ref, gateway, service.spec?.clusterIP);
    }
    const edge = findGlooGatewayEntrance(ref, service, objects) ?? findTraefikEntrance(ref, service, objects);
    if (edge) return edge;
    if (isIstioGatewayService(service, objects)) {
      const pod = objects.readyPods(namespace, service.spec?.selector)[0];
      return {
        ref,
        kind: 'istio',
        proxy: pod && { workload: pod.workload, namespace, labels: pod.labels },
        address: clusterIpOf(service) ?? `${name}.${namespace}.svc.cluster.local`,
      };
    }
    const ingress = ingressNginxEntrance(ref, service, objects) ?? contourEnvoyEntrance(ref, service, objects);
    if (ingress) return ingress;
    return {
      error: `Service ${ref} is not a gateway: its selector has no "istio" label and no Istio Gateway selects its pods, it is no Gateway API Gateway's (label ${GATEWAY_NAME_LABEL}), and it selects neither Gloo's gateway-proxy nor Traefik, nor an ingress-nginx controller (app.kubernetes.io/name: ingress-nginx) nor Contour Envoy (app: envoy)`,
    };
  }
  const gateway = gatewayApi(name);
  if (gateway) return gatewayApiEntrance(ref, gateway, gateway.status?.addresses?.[0]?.value);
  return {
    error: `no gateway ${ref}: no Service of an Istio gateway workload and no Gateway API Gateway has that namespace/name`,
  };
}

function isIstioGatewayService(service: ServiceLike, objects: RoutingObjects): boolean {
  const selector = service.spec?.selector ?? {};
  if (Object.keys(selector).length === 0) return false;
  if ('istio' in selector) return true;
  return objects.istioGateways.some(
    g => Object.keys(g.spec?.selector ?? {}).length > 0 && selectorMatchesLabels(g.spec?.selector, selector),
  );
}

function gatewayApiEntrance(
  ref: string,
  gateway: NonNullable<GatewayEntrance['gateway']>,
  address: string | undefined,
): GatewayEntrance {
  const namespace = gateway.metadata?.namespace ?? 'default';
  const name = gateway.metadata?.name ?? '';
  // GEP-1762 names the gateway's Deployment <gateway>-<gatewayclass>; the lab is that proxy.
  const workload = `${name}-${gateway.spec?.gatewayClassName ?? 'gateway'}`;
  return {
    ref,
    kind: 'gatewayapi',
    proxy: { workload, namespace, labels: { [GATEWAY_NAME_LABEL]: name } },
    address: address ?? `${workload}.${namespace}.svc.cluster.local`,
    gateway,
  };
}

function clusterIpOf(service: ServiceLike): string | undefined {
  const ip = service.spec?.clusterIP;
  return ip && ip !== 'None' ? ip : undefined;
}
