/** A reference to another App Mesh object; without a namespace, the referring object's. */
export interface AppMeshRef {
  name?: string;
  namespace?: string;
}

/** The parts of an appmesh.k8s.aws/v1beta2 VirtualService the data plane reads. */
export interface AppMeshVirtualServiceLike {
  metadata?: { name?: string; namespace?: string; creationTimestamp?: string | Date };
  spec?: {
    /** Its name in App Mesh, the host clients address; `<name>.<namespace>` when unset. */
    awsName?: string;
    provider?: {
      virtualRouter?: { virtualRouterRef?: AppMeshRef };
      virtualNode?: { virtualNodeRef?: AppMeshRef };
    };
  };
}

/** An App Mesh header (or query parameter) match. */
export interface AppMeshMatchMethodLike {
  exact?: string;
  prefix?: string;
  suffix?: string;
  regex?: string;
  range?: { start?: number; end?: number };
}

/** An App Mesh httpRoute / http2Route. */
export interface AppMeshHttpRouteLike {
  match?: {
    prefix?: string;
    path?: { exact?: string; regex?: string };
    method?: string;
    headers?: Array<{ name?: string; invert?: boolean; match?: AppMeshMatchMethodLike }>;
    queryParameters?: Array<{ name?: string; match?: { exact?: string } }>;
  };
  action?: { weightedTargets?: Array<{ virtualNodeRef?: AppMeshRef; virtualNodeARN?: string; weight?: number; port?: number }> };
}

/** The parts of an appmesh.k8s.aws/v1beta2 VirtualRouter the data plane reads. */
export interface AppMeshVirtualRouterLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    routes?: Array<{ name?: string; priority?: number; httpRoute?: AppMeshHttpRouteLike; http2Route?: AppMeshHttpRouteLike }>;
  };
}

/** The parts of an appmesh.k8s.aws/v1beta2 VirtualNode the data plane reads. */
export interface AppMeshVirtualNodeLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { serviceDiscovery?: { dns?: { hostname?: string } } };
}

/** App Mesh's routing objects, as the data plane's informers hold them (oldest first). */
export interface AppMeshObjects {
  virtualServices: readonly AppMeshVirtualServiceLike[];
  virtualRouters: readonly AppMeshVirtualRouterLike[];
  virtualNodes: readonly AppMeshVirtualNodeLike[];
}
