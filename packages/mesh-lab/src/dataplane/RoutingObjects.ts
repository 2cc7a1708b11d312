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

/** The parts of a networking.istio.io Gateway (v1alpha3, v1beta1, v1) the data plane reads. */
export interface IstioGatewayLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    selector?: Record<string, string>;
    servers?: Array<{ hosts?: string[]; port?: { number?: number; protocol?: string; name?: string } }>;
  };
}

/** The parts of a Service the data plane reads. */
export interface ServiceLike {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: { selector?: Record<string, string>; clusterIP?: string; ports?: Array<{ port?: number; name?: string }> };
}

/** A Ready pod as the data plane's telemetry names it. */
export interface ReadyPodInfo {
  name: string;
  /** The Deployment (or other owner) it belongs to. */
  workload: string;
  labels: Record<string, string>;
}

/**
 * What routing decisions read from the cluster, as plain data (the data plane's informer caches
 * behind it): lists are oldest first, ties by namespace/name, the order every mesh breaks ties in.
 */
export interface RoutingObjects {
  virtualServices: readonly VirtualServiceLike[];
  httpRoutes: readonly HttpRouteLike[];
  trafficSplits: readonly TrafficSplitLike[];
  istioGateways: readonly IstioGatewayLike[];
  gateways: readonly GatewayApiGatewayLike[];
  /** App Mesh's VirtualServices, VirtualRouters and VirtualNodes (appmesh.k8s.aws/v1beta2). */
  appMesh: AppMeshObjects;
  /** Kuma's TrafficRoutes (kuma.io/v1alpha1, cluster-scoped). */
  kumaTrafficRoutes: readonly KumaTrafficRouteLike[];
  /** Consul's config entries (consul-k8s CRDs): ServiceRouter, ServiceSplitter, ServiceResolver, defaults. */
  consul: ConsulConfigEntries;
  /** networking.k8s.io/v1 Ingresses and IngressClasses (ingress-nginx). */
  ingresses: readonly IngressLike[];
  ingressClasses: readonly IngressClassLike[];
  /** projectcontour.io/v1 HTTPProxies. */
  httpProxies: readonly HttpProxyLike[];
  destinationRules(namespace: string): readonly DestinationRuleLike[];
  service(namespace: string, name: string): ServiceLike | undefined;
  /** The Ready pods a Service selects (none for a Service without selector). */
  readyPods(namespace: string, selector: Record<string, string> | undefined): readonly ReadyPodInfo[];
  namespaceLabels(namespace: string): Record<string, string>;
  /** Gloo Edge: VirtualServices (gateway.solo.io), the RouteTables they delegate to, Upstreams. */
  glooVirtualServices: readonly GlooVirtualServiceLike[];
  glooRouteTables: readonly GlooRouteTableLike[];
  glooUpstreams: readonly GlooUpstreamLike[];
  /** Traefik: IngressRoutes and TraefikServices (traefik.io). */
  ingressRoutes: readonly IngressRouteLike[];
  traefikServices: readonly TraefikServiceLike[];
}
