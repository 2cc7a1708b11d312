import type { GatewayApiGatewayLike } from './binding/parentRefAttachesToListener';

/** A place where traffic enters the mesh from outside (north-south). */
export interface GatewayEntrance {
  /** `namespace/name` of what was named: a gateway Service, or a Gateway API Gateway. */
  ref: string;
  /**
   * `istio`: an Istio ingress gateway workload, configured by the Istio Gateways whose
   * selector matches its pods; `gatewayapi`: a Gateway API Gateway and the HTTPRoutes attached;
   * `gloo`: Gloo's gateway-proxy and its VirtualServices (gateway.solo.io); `traefik`: Traefik
   * and its IngressRoutes;
   * `ingress-nginx`: the ingress-nginx controller and the Ingresses of its class; `contour`:
   * Contour's Envoy and the HTTPProxies.
   */
  kind: 'istio' | 'gatewayapi' | 'gloo' | 'traefik' | 'ingress-nginx' | 'contour';
  /**
   * The gateway's proxy, which reports the hop (`source_workload`). Absent when an Istio
   * gateway has no Ready pod: then nothing accepts the connection.
   */
  proxy?: {
    workload: string;
    namespace: string;
    labels: Record<string, string>;
    /** The pod that took the request, where the proxy's metrics name it (ingress-nginx's `controller_pod`). */
    pod?: string;
  };
  /**
   * What a client sends as Host when it names none, as `hey http://$INGRESS_IP/` does: the
   * gateway Service's cluster IP (or, for a Gateway without Service, its address).
   */
  address: string;
  /** kind `gatewayapi`: the Gateway. */
  gateway?: GatewayApiGatewayLike;
}
