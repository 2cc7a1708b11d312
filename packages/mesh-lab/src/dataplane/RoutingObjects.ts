import type { GatewayApiGatewayLike } from './binding/parentRefAttachesToListener';
import type { HttpProxyLike } from './meshes/contour/resolveAtContourEnvoy';
import type { IngressClassLike, IngressLike } from './meshes/nginx/resolveAtIngressNginx';
import type { HttpRouteLike } from './parseHttpRoute';
import type { TrafficSplitLike } from './parseTrafficSplit';
import type { DestinationRuleLike, VirtualServiceLike } from './parseVirtualService';

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
  spec?: { selector?: Record<string, string>; clusterIP?: string };
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
}
