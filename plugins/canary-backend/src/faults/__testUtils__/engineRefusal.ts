import { type Canary, validateCanarySpec } from '@vane/plugin-canary-common';
import { createBuiltinMeshRegistry } from '../../meshes/createBuiltinMeshRegistry';
import { refusedRouting } from '../../meshes/refusedRouting';

/**
 * What the engine's Valid=False message must hold for a Canary it refuses before touching
 * anything in a cluster serving `apiGroups` (the validator's first field, or the mesh's
 * refusal); undefined when it accepts it. The validator's own wording is not compared: a
 * cluster hands the engine a structured clone, whose objects zod names from another realm
 * ("Object" for "object").
 */
export function engineRefusal(
  spec: unknown,
  canary: Canary,
  apiGroups: string[],
): string | undefined {
  const validation = validateCanarySpec(spec);
  if (!validation.valid) return `${validation.errors[0].field} `;
  const meshes = createBuiltinMeshRegistry();
  try {
    const { provider } = meshes.choose({
      specProvider: validation.spec.provider,
      apiGroups,
      clusterName: 'lab',
    });
    return refusedRouting(meshes.get(provider), canary);
  } catch (error) {
    return (error as Error).message;
  }
}
