/** Consul's HTTPHeaderModifiers, as a route destination or a split carries them. */
export interface ConsulHeaderModifiersLike {
  add?: Record<string, string>;
  set?: Record<string, string>;
  remove?: string[];
}

interface ConsulEntryMetadata {
  metadata?: { name?: string; namespace?: string };
}

/** The parts of a consul.hashicorp.com/v1alpha1 ServiceRouter the data plane reads. */
export interface ServiceRouterLike extends ConsulEntryMetadata {
  spec?: {
    routes?: Array<{
      match?: {
        http?: {
          pathExact?: string;
          pathPrefix?: string;
          pathRegex?: string;
          header?: Array<{
            name?: string;
            present?: boolean;
            exact?: string;
            prefix?: string;
            suffix?: string;
            regex?: string;
            invert?: boolean;
          }>;
          queryParam?: Array<{ name?: string; present?: boolean; exact?: string; regex?: string }>;
          methods?: string[];
        };
      };
      destination?: {
        service?: string;
        serviceSubset?: string;
        responseHeaders?: ConsulHeaderModifiersLike;
      };
    }>;
  };
}

/** The parts of a ServiceSplitter the data plane reads. */
export interface ServiceSplitterLike extends ConsulEntryMetadata {
  spec?: {
    splits?: Array<{
      weight?: number;
      service?: string;
      serviceSubset?: string;
      responseHeaders?: ConsulHeaderModifiersLike;
    }>;
  };
}

/** The parts of a ServiceResolver the data plane reads: its redirect to another service. */
export interface ServiceResolverLike extends ConsulEntryMetadata {
  spec?: { redirect?: { service?: string } };
}

/** A ServiceDefaults: the protocol of the service it names. */
export interface ServiceDefaultsLike extends ConsulEntryMetadata {
  spec?: { protocol?: string };
}

/** A ProxyDefaults (consul-k8s accepts only the one named `global`): every service's default protocol. */
export interface ProxyDefaultsLike extends ConsulEntryMetadata {
  spec?: { config?: { protocol?: string } };
}

/** The Consul config entries of the cluster, as consul-k8s CRDs, oldest first. */
export interface ConsulConfigEntries {
  serviceRouters: readonly ServiceRouterLike[];
  serviceSplitters: readonly ServiceSplitterLike[];
  serviceResolvers: readonly ServiceResolverLike[];
  serviceDefaults: readonly ServiceDefaultsLike[];
  proxyDefaults: readonly ProxyDefaultsLike[];
}
