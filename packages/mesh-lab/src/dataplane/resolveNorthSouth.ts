import { hostSpecificity } from './binding/hostSpecificity';
import { intersectHostnames } from './binding/intersectHostnames';
import { istioServerHostSelects } from './binding/istioServerHostSelects';
import { GatewayListenerLike, parentRefAttachesToListener } from './binding/parentRefAttachesToListener';
import { resolveIstioHost } from './binding/resolveIstioHost';
import { selectorMatchesLabels } from './binding/selectorMatchesLabels';
import { virtualServiceGateways } from './binding/virtualServiceGateways';
import { wildcardHostMatches } from './binding/wildcardHostMatches';
import type { GatewayEntrance } from './GatewayEntrance';
import { resolveAtGlooGateway } from './meshes/gloo/resolveAtGlooGateway';
import { resolveAtTraefik } from './meshes/traefik/resolveAtTraefik';
import { resolveAtContourEnvoy } from './meshes/contour/resolveAtContourEnvoy';
import { resolveAtIngressNginx } from './meshes/nginx/resolveAtIngressNginx';
import { parseHttpRoute } from './parseHttpRoute';
import { parseVirtualService } from './parseVirtualService';
import type { RouteTable } from './RouteTable';
import type { RoutingObjects } from './RoutingObjects';

// Listener and server protocols that carry HTTP requests (the lab simulates HTTP only).
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'HTTP2', 'GRPC']);

/**
 * Where a request that arrives at a gateway goes: the routes bound to that gateway and only
 * those (a mesh-bound VirtualService or a GAMMA HTTPRoute of the destination is not applied
 * again: "Requests from the Gateway will utilize the ... routes attached to the Gateway",
 * GEP-1426). Undefined when nothing there serves the Host: the gateway answers 404.
 *
 * @param host - the Host header, lower-case, without port.
 */
export function resolveNorthSouth(
  entrance: GatewayEntrance,
  host: string,
  objects: RoutingObjects,
): RouteTable | undefined {
  switch (entrance.kind) {
    case 'gloo':
      return resolveAtGlooGateway(host, objects);
    case 'traefik':
      return resolveAtTraefik(host, objects);
    case 'istio':
      return resolveAtIstioGateway(entrance, host, objects);
    case 'ingress-nginx':
      return resolveAtIngressNginx(entrance, host, objects);
    case 'contour':
      return resolveAtContourEnvoy(entrance, host, objects);
    default:
      return resolveAtGatewayApiGateway(entrance, host, objects);
  }
}

/**
 * An Istio ingress workload serves the servers of every Istio Gateway whose selector matches
 * its pods, with the VirtualServices bound to those Gateways (`spec.gateways`). A
 * VirtualService serves a request when one of its hosts and one of the server's hosts (with
 * its namespace prefix) cover the Host; the most specific such host wins, as Envoy picks a
 * virtual host, then the oldest VirtualService.
 */
function resolveAtIstioGateway(
  entrance: GatewayEntrance,
  host: string,
  objects: RoutingObjects,
): RouteTable | undefined {
  const labels = entrance.proxy?.labels ?? {};
  const gateways = objects.istioGateways.filter(g => selectorMatchesLabels(g.spec?.selector, labels));
  let best: { vs: (typeof objects.virtualServices)[number]; specificity: number } | undefined;
  for (const vs of objects.virtualServices) {
    const vsNamespace = vs.metadata?.namespace ?? 'default';
    const bound = virtualServiceGateways(vs);
    for (const gateway of gateways) {
      const gatewayNamespace = gateway.metadata?.namespace ?? 'default';
      if (!bound.includes(`${gatewayNamespace}/${gateway.metadata?.name}`)) continue;
      for (const server of gateway.spec?.servers ?? []) {
        if (!HTTP_PROTOCOLS.has((server.port?.protocol ?? 'HTTP').toUpperCase())) continue;
        for (const serverHost of server.hosts ?? []) {
          if (!istioServerHostSelects(serverHost, gatewayNamespace, vsNamespace, host)) continue;
          const serverDnsName = serverHost.slice(serverHost.indexOf('/') + 1);
          for (const vsHost of vs.spec?.hosts ?? []) {
            const pattern = resolveIstioHost(vsHost, vsNamespace);
            if (!wildcardHostMatches(pattern, host)) continue;
            // The virtual host Istio builds is the narrower of the two names.
            const specificity = Math.max(hostSpecificity(pattern), hostSpecificity(serverDnsName));
            if (!best || specificity > best.specificity) best = { vs, specificity };
          }
        }
      }
    }
  }
  if (!best) return undefined;
  return parseVirtualService(best.vs, objects.destinationRules(best.vs.metadata?.namespace ?? 'default'));
}

/**
 * A Gateway API Gateway hands a request to its most specific Listener whose hostname covers
 * the Host ("the Gateway is expected to send traffic that could match multiple Listeners to the
 * most specific Listener"), then to the HTTPRoute attached to that Listener whose intersected
 * hostname covers the Host most specifically; ties go to the oldest route, then by
 * namespace/name (ListenerSpec.allowedRoutes: "The oldest Route based on creation timestamp").
 */
function resolveAtGatewayApiGateway(
  entrance: GatewayEntrance,
  host: string,
  objects: RoutingObjects,
): RouteTable | undefined {
  const gateway = {
    namespace: entrance.gateway?.metadata?.namespace ?? 'default',
    name: entrance.gateway?.metadata?.name ?? '',
  };
  let listener: GatewayListenerLike | undefined;
  for (const candidate of entrance.gateway?.spec?.listeners ?? []) {
    if (!HTTP_PROTOCOLS.has((candidate.protocol ?? '').toUpperCase())) continue;
    const hostname = candidate.hostname || '*';
    if (!wildcardHostMatches(hostname, host)) continue;
    if (!listener || hostSpecificity(hostname) > hostSpecificity(listener.hostname || '*')) listener = candidate;
  }
  if (!listener) return undefined;

  let best: { route: (typeof objects.httpRoutes)[number]; specificity: number } | undefined;
  for (const route of objects.httpRoutes) {
    const routeNamespace = route.metadata?.namespace ?? 'default';
    const attached = (route.spec?.parentRefs ?? []).some(ref =>
      parentRefAttachesToListener(ref, routeNamespace, gateway, listener, objects.namespaceLabels(routeNamespace)),
    );
    if (!attached) continue;
    for (const hostname of intersectHostnames(listener.hostname, route.spec?.hostnames)) {
      if (!wildcardHostMatches(hostname, host)) continue;
      const specificity = hostSpecificity(hostname);
      if (!best || specificity > best.specificity) best = { route, specificity };
    }
  }
  return best && parseHttpRoute(best.route);
}
