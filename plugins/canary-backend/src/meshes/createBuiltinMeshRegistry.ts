import { BUILTIN_MESHES } from './BUILTIN_MESHES';
import { MeshRouterRegistry } from './MeshRouterRegistry';

/** A registry holding the built-in meshes, to which modules add theirs. */
export function createBuiltinMeshRegistry(): MeshRouterRegistry {
  const registry = new MeshRouterRegistry();
  for (const mesh of BUILTIN_MESHES) registry.add(mesh);
  return registry;
}
