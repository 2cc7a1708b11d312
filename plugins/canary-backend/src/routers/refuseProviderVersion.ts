import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';

/**
 * Refuses a version suffix of `spec.provider` (Flagger's `smi:v1alpha3`, `gatewayapi:v1`) that a
 * router does not write, so the suffix is never ignored.
 */
export function refuseProviderVersion(
  canary: Canary,
  options: {
    /** The router's provider, and Flagger's names that route through it (`linkerd`, `osm`). */
    names: readonly string[];
    /** The versions it accepts after `:`. */
    versions: readonly string[];
    /** Versions of Flagger's it does not write yet. */
    notYet?: readonly string[];
    /** What it writes, e.g. `split.smi-spec.io/v1alpha2 TrafficSplits`. */
    writes: string;
  },
): MeshRouterRefusal[] {
  const provider = canary.spec?.provider;
  if (typeof provider !== 'string' || !provider.includes(':')) return [];
  const [name, version] = provider.split(':');
  if (!options.names.includes(name) || options.versions.includes(version)) {
    return [];
  }
  const accepted = [
    ...options.names,
    ...options.versions.map(v => `${options.names[0]}:${v}`),
  ].join(', ');
  const yet = options.notYet?.includes(version) ? ' yet' : '';
  return [
    {
      field: 'provider',
      message: `provider ${provider} is not supported${yet}: Vane's ${options.names[0]} router writes ${options.writes}; use ${accepted}`,
    },
  ];
}
