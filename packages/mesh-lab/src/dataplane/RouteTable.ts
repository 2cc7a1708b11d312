/** A simulated HTTP request as the data plane sees it (header names lower-case). */
export interface SimRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** A backend Service a route sends traffic to, optionally narrowed to a subset's pod labels. */
export interface RouteBackend {
  service: string;
  namespace: string;
  port?: number;
  subset?: string;
  subsetLabels?: Record<string, string>;
  weight: number;
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
}

export interface RouteRule {
  /** Empty: the rule matches every request. Otherwise any one of them must match. */
  matches: RequestMatch[];
  backends: RouteBackend[];
  mirror?: { backend: RouteBackend; percent: number };
}

/**
 * Where a request for one host goes, compiled from whichever routing object owns the host
 * (VirtualService, HTTPRoute, TrafficSplit) or from the Service itself.
 */
export interface RouteTable {
  source: { kind: 'VirtualService' | 'HTTPRoute' | 'TrafficSplit' | 'Service'; namespace: string; name: string };
  rules: RouteRule[];
}
