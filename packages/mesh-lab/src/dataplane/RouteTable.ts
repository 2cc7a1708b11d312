import type { NginxLocationLabels } from './meshes/nginx/resolveAtIngressNginx';

/** A simulated HTTP request as the data plane sees it (header names lower-case). */
export interface SimRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/**
 * Changes a route makes to the headers of the answers it carries: Istio's HeaderOperations
 * (`headers.response`), Gateway API's ResponseHeaderModifier filter. `add` appends (a second
 * Set-Cookie beside the backend's), `set` replaces, `remove` drops; header names lower-case.
 */
export interface ResponseHeaderOperations {
  set?: Array<[string, string]>;
  add?: Array<[string, string]>;
  remove?: string[];
}

/** A backend Service a route sends traffic to, optionally narrowed to a subset's pod labels. */
export interface RouteBackend {
  service: string;
  namespace: string;
  port?: number;
  subset?: string;
  subsetLabels?: Record<string, string>;
  weight: number;
  /** What this destination (Istio) or backendRef (Gateway API) does to its answers' headers. */
  responseHeaders?: ResponseHeaderOperations;
  /**
   * The Envoy cluster the routing proxy sends to, when it is not Contour's
   * `<namespace>_<service>_<port>`: Gloo's `<upstream>_<upstream namespace>`.
   */
  envoyClusterName?: string;
  /** The service Traefik reports this backend as, `<namespace>-<service>-<port>@kubernetescrd`. */
  traefikServiceName?: string;
  /** The ingress-nginx location that sends here, as its metrics label it. */
  nginx?: NginxLocationLabels;
}

export type StringMatch =
  | { exact: string }
  | { prefix: string }
  | { regex: RegExp };

/** One alternative of a rule's match list: every condition in it must hold. */
export interface RequestMatch {
  headers?: Array<{ name: string; match: StringMatch }>;
  path?: StringMatch;
  method?: string;
  /** Query parameters that must all match (Gloo's queryParameters). */
  query?: Array<{ name: string; match: StringMatch }>;
}

export interface RouteRule {
  /** Empty: the rule matches every request. Otherwise any one of them must match. */
  matches: RequestMatch[];
  backends: RouteBackend[];
  mirror?: { backend: RouteBackend; percent: number };
  /** What the rule does to the headers of every answer it carries, after its backend's. */
  responseHeaders?: ResponseHeaderOperations;
}

/**
 * Where a request for one host goes, compiled from whichever routing object owns the host
 * (VirtualService, HTTPRoute, TrafficSplit, App Mesh VirtualRouter, Kuma TrafficRoute) or from the
 * Service itself.
 */
export interface RouteTable {
  source: {
    kind:
      | 'VirtualService'
      | 'HTTPRoute'
      | 'TrafficSplit'
      | 'Service'
      // Traefik (traefik.io): an IngressRoute at its entrance.
      | 'IngressRoute'
      // App Mesh (appmesh.k8s.aws): a VirtualService's router or node.
      | 'VirtualRouter'
      | 'VirtualNode'
      // Kuma (kuma.io), cluster-scoped: namespace ''.
      | 'TrafficRoute'
      // Consul's discovery chain (consul.hashicorp.com config entries).
      | 'ServiceRouter'
      | 'ServiceSplitter'
      | 'ServiceResolver'
      // ingress-nginx (networking.k8s.io) and Contour (projectcontour.io) at their entrances.
      | 'Ingress'
      | 'HTTPProxy';
    namespace: string;
    name: string;
  };
  rules: RouteRule[];
}
