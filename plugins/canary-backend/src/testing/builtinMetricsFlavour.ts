import { BUILTIN_MESHES } from '../meshes/BUILTIN_MESHES';
import type { MetricsFlavour } from '../meshes/MetricsFlavour';

/**
 * A built-in telemetry flavour by name (`istio`, `linkerd`, `osm`, ...) or a built-in provider's
 * own (`smi`: Linkerd's); the name alone for anything else, as a module's provider without
 * telemetry.
 */
export function builtinMetricsFlavour(name: string): MetricsFlavour {
  for (const mesh of BUILTIN_MESHES) {
    const telemetry =
      mesh.telemetry?.find(flavour => flavour.name === name) ??
      (mesh.provider === name ? mesh.telemetry?.[0] : undefined);
    if (telemetry) return { name: telemetry.name, telemetry };
  }
  return { name };
}
