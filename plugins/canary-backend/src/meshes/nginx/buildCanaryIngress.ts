import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { nginxHeaderRouteAnnotations } from './nginxHeaderRouteAnnotations';
import { nginxMatchAnnotations } from './nginxMatchAnnotations';
import { nginxRefusals } from './nginxRefusals';

/** The prefix of ingress-nginx's annotations (Flagger's `-ingress-annotations-prefix` default). */
export const NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io';

/** The Ingress API Vane reads and writes (the one Flagger's nginx router uses). */
export const INGRESS_API_VERSION = 'networking.k8s.io/v1';

/** Whether an annotation is one of ingress-nginx's canary annotations, which the router owns. */
export function isNginxCanaryAnnotation(key: string): boolean {
  return key.startsWith(`${NGINX_ANNOTATION_PREFIX}/canary`);
}

// Not copied from the Ingress: kubectl's record of it, and Flux's marks of what it applied (the
// copy is the Canary's, not Flux's; Flagger keeps them and tells Flux to leave the copy alone).
const NOT_COPIED = (key: string) =>
  isNginxCanaryAnnotation(key) ||
  key === 'kubectl.kubernetes.io/last-applied-configuration' ||
  key.includes('toolkit.fluxcd.io');

interface IngressSpecLike {
  rules?: Array<{
    http?: {
      paths?: Array<{ backend?: { service?: { name?: string } } }>;
    };
  }>;
}

const copied = (values: Record<string, string> | undefined) =>
  Object.fromEntries(
    Object.entries(values ?? {}).filter(([key]) => !NOT_COPIED(key)),
  );

/**
 * Builds the canary Ingress `<ingress>-canary` of provider nginx, as Flagger's ingress router:
 * a copy of the Ingress `spec.ingressRef` names (its spec, labels and annotations) whose
 * backends naming the apex Service name `<apex>-canary` instead, marked
 * `nginx.ingress.kubernetes.io/canary: "true"` so that ingress-nginx merges it into the
 * Ingress's locations as their alternative backend. Its canary annotations carry the routes:
 * - weights: `canary-weight` (the canary's share);
 * - A/B (`analysis.match`): while the canary takes traffic, the match as `canary-by-header`
 *   (`-value`, `-pattern`) and `canary-by-cookie`, with `canary-weight: "0"` for everyone else;
 *   at weight 0 (promotion, rollback) none of them, as Flagger resets them;
 * - a setHeaderRoute step in effect: its header as `canary-by-header`, beside the weight.
 * The Ingress itself is never written: it sends its traffic to the apex Service, whose selector
 * the engine points at the primary.
 */
export function buildCanaryIngress(
  canary: Canary,
  ingress: KubernetesObjectLike,
  routes: MeshRoutes,
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  throwIfRefused('nginx', routing.id, nginxRefusals(canary));
  const spec = structuredClone((ingress.spec ?? {}) as IngressSpecLike);
  let backends = 0;
  for (const rule of spec.rules ?? []) {
    for (const path of rule.http?.paths ?? []) {
      if (path.backend?.service?.name === routing.apexName) {
        path.backend.service.name = routing.canaryName;
        backends++;
      }
    }
  }
  if (backends === 0) {
    throw new Error(
      `Canary ${routing.id}: Ingress ${ingress.metadata.namespace}/${ingress.metadata.name} (spec.ingressRef) has no path to Service ${routing.apexName}; point a path of it at the apex Service ${routing.apexName}, whose canary copy provider nginx routes to ${routing.canaryName}`,
    );
  }

  const canaryAnnotations: Record<string, string> = { canary: 'true' };
  if (routing.analysisMatch.length > 0) {
    canaryAnnotations['canary-weight'] = '0';
    if (routes.canaryWeight > 0) {
      Object.assign(
        canaryAnnotations,
        nginxMatchAnnotations(routing.analysisMatch, 'analysis.match'),
      );
    }
  } else {
    canaryAnnotations['canary-weight'] = String(routes.canaryWeight);
    const headerRoute = routes.headerRoutes?.at(-1);
    if (headerRoute) {
      Object.assign(
        canaryAnnotations,
        nginxHeaderRouteAnnotations(
          headerRoute,
          `setHeaderRoute ${headerRoute.name}`,
        ),
      );
    }
  }

  const labels = copied(ingress.metadata.labels);
  return {
    apiVersion: INGRESS_API_VERSION,
    kind: 'Ingress',
    metadata: {
      name: `${ingress.metadata.name}-canary`,
      namespace: routing.namespace,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      annotations: {
        ...copied(ingress.metadata.annotations),
        ...Object.fromEntries(
          Object.entries(canaryAnnotations).map(([key, value]) => [
            `${NGINX_ANNOTATION_PREFIX}/${key}`,
            value,
          ]),
        ),
      },
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec: spec as Record<string, unknown>,
  };
}
