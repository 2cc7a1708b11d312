import { detectMeshProviders } from './detectMeshProviders';
import { MESH_PROVIDER_API_GROUPS } from './MESH_PROVIDER_API_GROUPS';

/** The router a Canary uses, the metrics flavour of its built-in queries, and why. */
export interface MeshProviderChoice {
  /** The router's provider name: istio, gatewayapi, smi, kubernetes or one added by a module. */
  provider: string;
  /** Whose built-in request metrics to query (see builtinMetricQueries). */
  metrics: string;
  source: 'spec.provider' | 'cluster default' | 'discovery';
}

/**
 * Flagger's provider names that route through one of Vane's routers, and the metrics they imply.
 * `linkerd` and `osm` routed through TrafficSplits in Flagger; `gatewayapi:v1beta1` named a version.
 */
const ALIASES: Record<string, { provider: string; metrics: string }> = {
  linkerd: { provider: 'smi', metrics: 'linkerd' },
  osm: { provider: 'smi', metrics: 'osm' },
  smi: { provider: 'smi', metrics: 'linkerd' },
};

function normalise(name: string): { provider: string; metrics: string } {
  const lower = name.trim().toLowerCase();
  const base = lower.split(':')[0];
  return ALIASES[base] ?? { provider: base, metrics: base };
}

/**
 * Picks the mesh provider of a Canary: `spec.provider`, else the cluster's configured default,
 * else the best provider the cluster serves. A provider named explicitly whose API group the
 * cluster does not serve is an error: writing its objects would fail on every tick.
 */
export function chooseMeshProvider(options: {
  specProvider?: string;
  clusterDefault?: string;
  apiGroups: readonly string[];
  clusterName: string;
}): MeshProviderChoice {
  const { specProvider, clusterDefault, apiGroups, clusterName } = options;
  let explicit:
    | { name: string; source: 'spec.provider' | 'cluster default' }
    | undefined;
  if (specProvider) explicit = { name: specProvider, source: 'spec.provider' };
  else if (clusterDefault) {
    explicit = { name: clusterDefault, source: 'cluster default' };
  }

  if (!explicit) {
    const provider = detectMeshProviders(apiGroups)[0];
    // Which data plane stands behind TrafficSplits is only a guess: Linkerd unless OSM is there.
    const metrics =
      provider === 'smi' &&
      apiGroups.some(group => group.endsWith('.openservicemesh.io'))
        ? 'osm'
        : normalise(provider).metrics;
    return { provider, metrics, source: 'discovery' };
  }

  const { provider, metrics } = normalise(explicit.name);
  const required = MESH_PROVIDER_API_GROUPS.find(p => p.provider === provider);
  if (required && !apiGroups.includes(required.apiGroup)) {
    throw new Error(
      `${explicit.source} is ${
        explicit.name
      }, but cluster ${clusterName} serves no ${
        required.apiGroup
      } API; install the mesh's CRDs or choose one of: ${detectMeshProviders(
        apiGroups,
      ).join(', ')}`,
    );
  }
  return { provider, metrics, source: explicit.source };
}
