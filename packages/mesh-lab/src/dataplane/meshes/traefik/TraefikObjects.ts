/** The parts of Traefik's objects (traefik.io/v1alpha1) the data plane reads. */

/** A service an IngressRoute route or a TraefikService names: a Kubernetes Service or a TraefikService. */
export interface TraefikServiceRefLike {
  name?: string;
  namespace?: string;
  kind?: string;
  port?: number | string;
  weight?: number;
}

export interface IngressRouteLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    entryPoints?: string[];
    routes?: Array<{ match?: string; kind?: string; priority?: number; services?: TraefikServiceRefLike[] }>;
  };
}

export interface TraefikServiceLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    weighted?: { services?: TraefikServiceRefLike[] };
    mirroring?: TraefikServiceRefLike & { mirrors?: Array<TraefikServiceRefLike & { percent?: number }> };
  };
}
