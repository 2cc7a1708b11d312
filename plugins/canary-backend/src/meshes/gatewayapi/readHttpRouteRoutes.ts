import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';

interface Rule {
  backendRefs?: Array<{ name?: string; weight?: number }>;
  filters?: Array<{
    type?: string;
    requestMirror?: { backendRef?: { name?: string } };
  }>;
}

/**
 * The weights an HTTPRoute carries for primary and canary, read from the last rule with a
 * backendRef to the canary, as Flagger reads them (the A/B rule when there is one, the weighted
 * rule after session affinity's cookie rules). Undefined when no rule has one.
 * A backendRef without a weight counts 1, as Gateway API defines.
 */
export function readHttpRouteRoutes(
  httpRoute: KubernetesObjectLike,
  names: { primaryName: string; canaryName: string },
): MeshRoutes | undefined {
  const spec = (httpRoute.spec ?? {}) as { rules?: unknown };
  const rules = (Array.isArray(spec.rules) ? spec.rules : []) as Rule[];
  // The last: session affinity's cookie rules to the canary come before the weighted one.
  const rule = [...rules]
    .reverse()
    .find(r => (r?.backendRefs ?? []).some(b => b?.name === names.canaryName));
  if (!rule) return undefined;

  const weightOf = (name: string) => {
    const ref = rule.backendRefs!.find(b => b?.name === name);
    return ref ? ref.weight ?? 1 : 0;
  };
  return {
    primaryWeight: weightOf(names.primaryName),
    canaryWeight: weightOf(names.canaryName),
    mirrored: (rule.filters ?? []).some(
      f =>
        f?.type === 'RequestMirror' &&
        f.requestMirror?.backendRef?.name === names.canaryName,
    ),
  };
}
