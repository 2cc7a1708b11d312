import { MESH_PROVIDER_API_GROUPS } from './MESH_PROVIDER_API_GROUPS';

/**
 * The providers a cluster can route with, from the API groups it serves (discovery's
 * `/apis`), best first; `kubernetes` (Service selectors) always works and comes last.
 */
export function detectMeshProviders(apiGroups: readonly string[]): string[] {
  const served = new Set(apiGroups);
  return [
    ...MESH_PROVIDER_API_GROUPS.filter(p => served.has(p.apiGroup)).map(
      p => p.provider,
    ),
    'kubernetes',
  ];
}
