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
 * The providers a cluster can route with, best first: those whose API groups it serves
 * (discovery's `/apis`), in the order the meshes are registered (BUILTIN_MESHES first); then
 * those that need no API group of their own and so cannot be told from discovery (`nginx`,
 * whose Ingress API every cluster serves; a module's router without `apiGroups`): offered, but
 * used only where a Canary or the cluster's default names them; `kubernetes` (Service
 * selectors) always works and comes last.
 */
export function detectMeshProviders(
  meshes: readonly Pick<MeshRouterFactory, 'provider' | 'apiGroups'>[],
  apiGroups: readonly string[],
): string[] {
  const withoutGroups = meshes.filter(mesh => !mesh.apiGroups?.length);
  return [
    ...meshes.filter(mesh => servesMesh(mesh, apiGroups)).map(m => m.provider),
    ...withoutGroups
      .filter(mesh => mesh.provider !== 'kubernetes')
      .map(m => m.provider),
    ...(withoutGroups.some(mesh => mesh.provider === 'kubernetes')
      ? ['kubernetes']
      : []),
  ];
}
