import type { MeshRouterFactory } from '@vane/plugin-canary-node';

/** Whether the cluster serves every API group the mesh writes (a mesh without any: never). */
export function servesMesh(
  mesh: Pick<MeshRouterFactory, 'apiGroups'>,
  apiGroups: readonly string[],
): boolean {
  const required = mesh.apiGroups ?? [];
  return (
    required.length > 0 && required.every(group => apiGroups.includes(group))
  );
}

/**
 * The providers a cluster can route with, from the API groups it serves (discovery's `/apis`),
 * in the order the meshes are registered (BUILTIN_MESHES first); `kubernetes` (Service
 * selectors) always works and comes last. A module's router without `apiGroups` is never
 * discovered: it is used where a Canary or the cluster's default names it.
 */
export function detectMeshProviders(
  meshes: readonly Pick<MeshRouterFactory, 'provider' | 'apiGroups'>[],
  apiGroups: readonly string[],
): string[] {
  return [
    ...meshes.filter(mesh => servesMesh(mesh, apiGroups)).map(m => m.provider),
    ...(meshes.some(mesh => mesh.provider === 'kubernetes')
      ? ['kubernetes']
      : []),
  ];
}
