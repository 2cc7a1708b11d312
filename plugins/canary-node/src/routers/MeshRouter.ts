import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectReader,
  KubernetesObjectWriter,
} from '../cluster/KubernetesObjects';

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
 * Creates the router of one provider (`istio`, `gatewayapi`, ...) for one cluster.
 *
 * @public
 */
export interface MeshRouterFactory {
  /** The value of `spec.provider` that selects this router. */
  provider: string;
  create(context: MeshRouterContext): MeshRouter;
}
