/** A Kuma StringMatcher: one of prefix, exact or regex (RE2). */
export interface KumaStringMatcherLike {
  prefix?: string;
  exact?: string;
  regex?: string;
}

/** A split entry: a weight (not a percentage: relative to the others) and the tags of its endpoints. */
export interface KumaSplitLike {
  weight?: number;
  destination?: Record<string, string>;
}

/** An http section's match: every condition set must hold. */
export interface KumaHttpMatchLike {
  method?: KumaStringMatcherLike;
  path?: KumaStringMatcherLike;
  headers?: Record<string, KumaStringMatcherLike>;
}

/**
 * The parts of a kuma.io/v1alpha1 TrafficRoute the data plane reads. Cluster-scoped; `mesh` is
 * a top-level field, beside `spec`.
 */
export interface KumaTrafficRouteLike {
  metadata?: { name?: string; creationTimestamp?: string | Date };
  mesh?: string;
  spec?: {
    sources?: Array<{ match?: Record<string, string> }>;
    destinations?: Array<{ match?: Record<string, string> }>;
    conf?: {
      split?: KumaSplitLike[];
      destination?: Record<string, string>;
      http?: Array<{
        match?: KumaHttpMatchLike;
        split?: KumaSplitLike[];
        destination?: Record<string, string>;
      }>;
    };
  };
}
