import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { NGINX_ANNOTATION_PREFIX } from './buildCanaryIngress';

/**
 * The routes a canary Ingress carries, as Flagger reads them: for an A/B canary
 * (`analysis.match`) whose Ingress routes by header or cookie, all matching traffic on the
 * canary (0/100); otherwise its `canary-weight`. Undefined when the weight is not a number (the
 * Ingress was not written by a router). An Ingress never mirrors.
 */
export function readCanaryIngressRoutes(
  canaryIngress: KubernetesObjectLike,
  options: { abTesting: boolean },
): MeshRoutes | undefined {
  const annotation = (name: string) =>
    canaryIngress.metadata.annotations?.[`${NGINX_ANNOTATION_PREFIX}/${name}`];
  if (
    options.abTesting &&
    (annotation('canary-by-header') !== undefined ||
      annotation('canary-by-cookie') !== undefined)
  ) {
    return { primaryWeight: 0, canaryWeight: 100, mirrored: false };
  }
  const weight = Number(annotation('canary-weight'));
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) return undefined;
  return { primaryWeight: 100 - weight, canaryWeight: weight, mirrored: false };
}
