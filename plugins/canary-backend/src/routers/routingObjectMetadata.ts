import type { CanaryRouting } from './readCanaryRouting';

/**
 * The labels and annotations of `spec.service.apex` for the apex's routing object (VirtualService,
 * HTTPRoute), as Flagger puts them there; nothing without `service.apex`, so routing objects of
 * Canaries that do not set it keep whatever labels they have.
 */
export function routingObjectMetadata(apex: CanaryRouting['apexMetadata']): {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
} {
  if (!apex) return {};
  return {
    labels: apex.labels ?? {},
    ...(apex.annotations && Object.keys(apex.annotations).length > 0
      ? { annotations: apex.annotations }
      : {}),
  };
}
