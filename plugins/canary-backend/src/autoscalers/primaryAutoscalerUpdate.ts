import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { createMergePatch } from '../routers/createMergePatch';

/**
 * The JSON merge patch that brings an existing primary HPA's spec to the built one (min/max
 * replicas, metrics, behavior, scale target), or undefined when it already matches. Fields the
 * built spec lacks are set to null, so a `behavior` removed from the target's HPA goes from the
 * primary's too; both specs come from the API server, so its defaults are on both sides.
 */
export function primaryAutoscalerUpdate(
  existing: any,
  built: KubernetesObjectLike,
): { spec: Record<string, unknown> } | undefined {
  const patch = createMergePatch(
    existing?.spec ?? {},
    (built.spec ?? {}) as Record<string, unknown>,
  );
  return patch ? { spec: patch } : undefined;
}
