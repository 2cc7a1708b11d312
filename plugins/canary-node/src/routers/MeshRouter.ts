import type {
  Canary,
  CanaryHeaderRoute,
  CanaryMirrorRoute,
} from '@vane/plugin-canary-common';
import type {
  KubernetesObjectReader,
  KubernetesObjectWriter,
} from '../cluster/KubernetesObjects';
import type { MeshTelemetry } from './MeshTelemetry';

/**
 * Traffic split between primary and canary, as read from or written to a mesh's routing objects.
 *
 * @public
 */
export interface MeshRoutes {
  primaryWeight: number;
  canaryWeight: number;
  /** Whether a copy of the primary's traffic is mirrored to the canary. */
  mirrored: boolean;
  /**
   * Argo Rollouts' header routes in effect (`analysis.steps`' setHeaderRoute): requests that
   * match go to the canary alone, ahead of the weights, in this order. None when absent; a
   * router that cannot carry them refuses them by name (MeshRouterFactory's `refuse`).
   */
  headerRoutes?: CanaryHeaderRoute[];
  /**
   * Argo Rollouts' mirror routes in effect (setMirrorRoute): matching requests are served by the
   * weights and a copy of `percentage` of them goes to the canary. None when absent.
   */
  mirrorRoutes?: CanaryMirrorRoute[];
}

/**
 * Shifts traffic for one canary through one mesh: the seam between the engine and a mesh's API.
 * Same shape as Flagger's router interface, so adding a mesh is one new implementation.
 *
 * @public
 */
export interface MeshRouter {
  /** Creates or adopts the canary's routing objects, with all traffic on the primary. */
  reconcile(canary: Canary): Promise<void>;
  /** Writes the weights (and mirroring) to the routing objects. */
  setRoutes(canary: Canary, routes: MeshRoutes): Promise<void>;
  /** Reads the weights the routing objects currently carry. */
  getRoutes(canary: Canary): Promise<MeshRoutes>;
  /** Hands traffic back to the Service alone when the Canary is deleted. */
  finalize(canary: Canary): Promise<void>;
}

/**
 * Everything a router needs to talk to one cluster. Kept narrow so routers stay testable.
 *
 * @public
 */
export interface MeshRouterContext {
  /** The cluster's name in `canary.clusters`. */
  clusterName: string;
  /** Current objects from the cluster's informer cache; routers never GET per tick. */
  reader: KubernetesObjectReader;
  /** Creates, patches and deletes the routing objects. */
  writer: KubernetesObjectWriter;
}

/**
 * A Canary field a mesh router cannot honour, found from the spec alone.
 *
 * @public
 */
export interface MeshRouterRefusal {
  /** The field below `spec`, e.g. `analysis.match` or `service.gatewayRefs`. */
  field: string;
  /**
   * Starts with the field and says why the mesh cannot do it and what to use instead, e.g.
   * "analysis.match is not supported by provider smi: a TrafficSplit splits by weight only, it
   * cannot send matching requests to the canary (A/B testing); use istio or gatewayapi".
   */
  message: string;
}

/**
 * Creates the router of one provider (`istio`, `gatewayapi`, ...) for one cluster.
 *
 * @public
 */
export interface MeshRouterFactory {
  /** The value of `spec.provider` that selects this router. */
  provider: string;
  create(context: MeshRouterContext): MeshRouter;
  /**
   * What this router cannot do for a Canary: a pure function of the Canary (no cluster access),
   * empty when it honours every field. The engine calls it right after choosing the router and,
   * when it refuses anything, gives the Canary a `Valid=False` condition with these messages and
   * creates nothing; the backend's apply API refuses such a Canary the same way. Optional, for
   * the routers of modules written before it: without it, the router is trusted to honour (or
   * throw UnsupportedRoutingError for) every field it is given.
   */
  refuse?(canary: Canary): MeshRouterRefusal[];
  /**
   * The API groups a cluster must serve for this router to write its objects (all of them, e.g.
   * `['gateway.solo.io', 'gloo.solo.io']`). Discovery offers the provider where they are served,
   * in the order the routers were registered; a Canary naming it in a cluster without them is
   * refused with the groups named. None (or absent): the router works on every cluster, like
   * `kubernetes`, and discovery offers it last.
   */
  apiGroups?: readonly string[];
  /**
   * Where the mesh's proxies report requests: the first flavour is the provider's own; the
   * others are chosen by `aliases` or `chooseTelemetry`. Absent: the provider has no built-in
   * metrics (every metric needs a MetricTemplate) and health reads the application's histogram.
   */
  telemetry?: readonly MeshTelemetry[];
  /**
   * Other names of this provider in `spec.provider` (Flagger's), each with the telemetry flavour
   * it implies: `{ linkerd: 'linkerd', osm: 'osm' }` for TrafficSplits.
   */
  aliases?: Readonly<Record<string, string>>;
  /**
   * The telemetry flavour to measure when the provider was discovered rather than named, from the
   * API groups the cluster serves (OSM's beside TrafficSplits); absent: the first flavour.
   */
  chooseTelemetry?(apiGroups: readonly string[]): string;
}
