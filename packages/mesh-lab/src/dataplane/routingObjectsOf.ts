import { selectorMatchesLabels } from './binding/selectorMatchesLabels';
import type { GatewayApiGatewayLike } from './binding/parentRefAttachesToListener';
import type { GlooRouteTableLike, GlooUpstreamLike, GlooVirtualServiceLike } from './meshes/gloo/GlooObjects';
import type { IngressRouteLike, TraefikServiceLike } from './meshes/traefik/TraefikObjects';
import type { HttpProxyLike } from './meshes/contour/resolveAtContourEnvoy';
import type { IngressClassLike, IngressLike } from './meshes/nginx/resolveAtIngressNginx';
import type { HttpRouteLike } from './parseHttpRoute';
import type { TrafficSplitLike } from './parseTrafficSplit';
import type { DestinationRuleLike, VirtualServiceLike } from './parseVirtualService';
import type { AppMeshObjects } from './meshes/appmesh/AppMeshObjects';
import type { KumaTrafficRouteLike } from './meshes/kuma/KumaTrafficRouteLike';
import type { ConsulConfigEntries } from './meshes/consul/ConsulConfigEntries';
import type { IstioGatewayLike, ReadyPodInfo, RoutingObjects, ServiceLike } from './RoutingObjects';

/**
 * RoutingObjects over plain lists, already in age order: the in-memory twin of the data plane's
 * informer caches, for routing decisions without a cluster.
 */
export function routingObjectsOf(objects: {
  virtualServices?: VirtualServiceLike[];
  destinationRules?: DestinationRuleLike[];
  httpRoutes?: HttpRouteLike[];
  trafficSplits?: TrafficSplitLike[];
  istioGateways?: IstioGatewayLike[];
  gateways?: GatewayApiGatewayLike[];
  appMesh?: Partial<AppMeshObjects>;
  kumaTrafficRoutes?: KumaTrafficRouteLike[];
  consul?: Partial<ConsulConfigEntries>;
  ingresses?: IngressLike[];
  ingressClasses?: IngressClassLike[];
  httpProxies?: HttpProxyLike[];
  services?: ServiceLike[];
  /** Ready pods, with their namespace. */
  pods?: Array<ReadyPodInfo & { namespace: string }>;
  namespaceLabels?: Record<string, Record<string, string>>;
  glooVirtualServices?: GlooVirtualServiceLike[];
  glooRouteTables?: GlooRouteTableLike[];
  glooUpstreams?: GlooUpstreamLike[];
  ingressRoutes?: IngressRouteLike[];
  traefikServices?: TraefikServiceLike[];
}): RoutingObjects {
  const inNamespace = (o: { metadata?: { namespace?: string } }, namespace: string) =>
    (o.metadata?.namespace ?? 'default') === namespace;
  return {
    virtualServices: objects.virtualServices ?? [],
    httpRoutes: objects.httpRoutes ?? [],
    trafficSplits: objects.trafficSplits ?? [],
    istioGateways: objects.istioGateways ?? [],
    gateways: objects.gateways ?? [],
    appMesh: {
      virtualServices: objects.appMesh?.virtualServices ?? [],
      virtualRouters: objects.appMesh?.virtualRouters ?? [],
      virtualNodes: objects.appMesh?.virtualNodes ?? [],
    },
    kumaTrafficRoutes: objects.kumaTrafficRoutes ?? [],
    consul: {
      serviceRouters: objects.consul?.serviceRouters ?? [],
      serviceSplitters: objects.consul?.serviceSplitters ?? [],
      serviceResolvers: objects.consul?.serviceResolvers ?? [],
      serviceDefaults: objects.consul?.serviceDefaults ?? [],
      proxyDefaults: objects.consul?.proxyDefaults ?? [],
    },
    ingresses: objects.ingresses ?? [],
    ingressClasses: objects.ingressClasses ?? [],
    httpProxies: objects.httpProxies ?? [],
    destinationRules: namespace => (objects.destinationRules ?? []).filter(r => inNamespace(r, namespace)),
    service: (namespace, name) =>
      (objects.services ?? []).find(s => inNamespace(s, namespace) && s.metadata?.name === name),
    readyPods: (namespace, selector) =>
      Object.keys(selector ?? {}).length === 0
        ? []
        : (objects.pods ?? []).filter(p => p.namespace === namespace && selectorMatchesLabels(selector, p.labels)),
    namespaceLabels: namespace => objects.namespaceLabels?.[namespace] ?? {},
    glooVirtualServices: objects.glooVirtualServices ?? [],
    glooRouteTables: objects.glooRouteTables ?? [],
    glooUpstreams: objects.glooUpstreams ?? [],
    ingressRoutes: objects.ingressRoutes ?? [],
    traefikServices: objects.traefikServices ?? [],
  };
}
