import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { detectMeshProviders, servesMesh } from './detectMeshProviders';
import type { MetricsFlavour } from './MetricsFlavour';

/** The router a Canary uses, the telemetry of its built-in queries, and why. */
export interface MeshProviderChoice {
  /** The router's provider name: istio, gatewayapi, smi, kubernetes or one added by a module. */
  provider: string;
  /** Whose built-in request metrics to query and health to read. */
  metrics: MetricsFlavour;
  source: 'spec.provider' | 'cluster default' | 'discovery';
}

/** A provider's telemetry flavour by name, its first when none is asked for. */
function flavourOf(
  mesh: MeshRouterFactory | undefined,
  fallbackName: string,
  name?: string,
): MetricsFlavour {
  const flavours = mesh?.telemetry ?? [];
  const telemetry = name
    ? flavours.find(flavour => flavour.name === name)
    : flavours[0];
  return telemetry
    ? { name: telemetry.name, telemetry }
    : { name: name ?? fallbackName };
}

/**
 * Picks the mesh provider of a Canary among the registered meshes: `spec.provider`, else the
 * cluster's configured default, else the best provider the cluster serves. Flagger's names
 * (`linkerd`, `osm`: a mesh's `aliases`) and versions (`gatewayapi:v1beta1`) select the router
 * they route through. A provider named explicitly whose API groups the cluster does not serve
 * is an error: writing its objects would fail on every tick. An unknown name is passed through:
 * the registry then says which providers exist.
 */
export function chooseMeshProvider(options: {
  meshes: readonly MeshRouterFactory[];
  specProvider?: string;
  clusterDefault?: string;
  apiGroups: readonly string[];
  clusterName: string;
}): MeshProviderChoice {
  const { meshes, specProvider, clusterDefault, apiGroups, clusterName } =
    options;
  let explicit:
    | { name: string; source: 'spec.provider' | 'cluster default' }
    | undefined;
  if (specProvider) explicit = { name: specProvider, source: 'spec.provider' };
  else if (clusterDefault) {
    explicit = { name: clusterDefault, source: 'cluster default' };
  }

  if (!explicit) {
    // Only a mesh whose own API the cluster serves is chosen unasked; else Service selectors.
    const provider =
      meshes.find(mesh => servesMesh(mesh, apiGroups))?.provider ??
      'kubernetes';
    const mesh = meshes.find(m => m.provider === provider);
    return {
      provider,
      metrics: flavourOf(mesh, provider, mesh?.chooseTelemetry?.(apiGroups)),
      source: 'discovery',
    };
  }

  const base = explicit.name.trim().toLowerCase().split(':')[0];
  const byName = meshes.find(m => m.provider === base);
  const byAlias = byName
    ? undefined
    : meshes.find(m => m.aliases?.[base] !== undefined);
  const mesh = byName ?? byAlias;
  if (!mesh) {
    return {
      provider: base,
      metrics: { name: base },
      source: explicit.source,
    };
  }
  if (mesh.apiGroups?.length && !servesMesh(mesh, apiGroups)) {
    const missing = mesh.apiGroups.filter(group => !apiGroups.includes(group));
    throw new Error(
      `${explicit.source} is ${
        explicit.name
      }, but cluster ${clusterName} serves no ${missing.join(
        ' nor ',
      )} API; install the mesh's CRDs or choose one of: ${detectMeshProviders(
        meshes,
        apiGroups,
      ).join(', ')}`,
    );
  }
  return {
    provider: mesh.provider,
    metrics: flavourOf(mesh, mesh.provider, byAlias?.aliases?.[base]),
    source: explicit.source,
  };
}
