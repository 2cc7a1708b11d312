/** The parts of Gloo Edge's objects (gateway.solo.io/v1, gloo.solo.io/v1) the data plane reads. */

export interface GlooResourceRef {
  name?: string;
  namespace?: string;
}

export interface GlooMatcherLike {
  prefix?: string;
  exact?: string;
  regex?: string;
  headers?: Array<{ name?: string; value?: string; regex?: boolean; invertMatch?: boolean }>;
  queryParameters?: Array<{ name?: string; value?: string; regex?: boolean }>;
  methods?: string[];
}

export interface GlooRouteLike {
  matchers?: GlooMatcherLike[];
  routeAction?: {
    single?: { upstream?: GlooResourceRef };
    multi?: { destinations?: Array<{ destination?: { upstream?: GlooResourceRef }; weight?: number }> };
  };
  /** A RouteTable this route hands its requests to: `ref`, or the older inline name/namespace. */
  delegateAction?: GlooResourceRef & { ref?: GlooResourceRef };
  inheritablePathMatchers?: boolean;
  inheritableMatchers?: boolean;
  options?: { shadowing?: { upstream?: GlooResourceRef; percentage?: number } };
}

export interface GlooVirtualServiceLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { virtualHost?: { domains?: string[]; routes?: GlooRouteLike[] } };
}

export interface GlooRouteTableLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { routes?: GlooRouteLike[] };
}

export interface GlooUpstreamLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { kube?: { serviceName?: string; serviceNamespace?: string; servicePort?: number } };
}
