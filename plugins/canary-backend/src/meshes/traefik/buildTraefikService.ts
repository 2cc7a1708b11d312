import type { Canary } from '@vane/plugin-canary-common';
import {
  type KubernetesObjectLike,
  type MeshRoutes,
  UnsupportedRoutingError,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';

/** The Traefik API version Vane writes: traefik.io, served by Traefik 2.10 and later. */
export const TRAEFIK_API_VERSION = 'traefik.io/v1alpha1';

/**
 * Builds the TraefikService `<apex>` an IngressRoute routes to (its `services` naming it with
 * `kind: TraefikService`), as Flagger's traefik router writes it: weighted round robin over the
 * primary and canary Services. Flagger leaves the canary out at weight 0 (its Go type drops a
 * zero weight, which Traefik would read as 1); Vane writes both with their weights, and Traefik
 * skips a service of weight 0 just the same. Mirroring, which Flagger's traefik router does not
 * do, is Traefik's mirroring TraefikService: the primary serves every request and
 * `analysis.mirrorWeight` percent of them (all without it) are copied to the canary. The engine
 * mirrors only while the canary has no weight of its own (Flagger's mirror step).
 */
export function buildTraefikService(
  canary: Canary,
  routes: MeshRoutes,
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  const { namespace, port, primaryName, canaryName } = routing;
  let spec: Record<string, unknown>;
  if (routes.mirrored) {
    if (routes.canaryWeight > 0) {
      throw new UnsupportedRoutingError(
        'traefik',
        'analysis.mirror',
        `Canary ${routing.id}: provider traefik mirrors only while the canary has no weight (asked for ${routes.canaryWeight}): a mirroring TraefikService copies the requests of one service`,
      );
    }
    spec = {
      mirroring: {
        name: primaryName,
        namespace,
        port,
        mirrors: [
          {
            name: canaryName,
            namespace,
            port,
            percent: routing.mirrorWeight ?? 100,
          },
        ],
      },
    };
  } else {
    spec = {
      weighted: {
        services: [
          { name: primaryName, namespace, port, weight: routes.primaryWeight },
          { name: canaryName, namespace, port, weight: routes.canaryWeight },
        ],
      },
    };
  }
  return {
    apiVersion: TRAEFIK_API_VERSION,
    kind: 'TraefikService',
    metadata: {
      name: routing.apexName,
      namespace,
      ...routingObjectMetadata(routing.apexMetadata),
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec,
  };
}
