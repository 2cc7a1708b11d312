import type { CanaryRouting } from '../../routers/readCanaryRouting';

/**
 * The name of the Gloo Upstream Vane writes for the primary or canary Service, as Flagger names
 * it: `<namespace>-<apex>-primaryupstream-<port>`, `<namespace>-<apex>-canaryupstream-<port>`.
 * Gloo's Envoy names the upstream's cluster `<name>_<namespace>`, which the built-in queries read.
 */
export function glooUpstreamName(
  routing: Pick<CanaryRouting, 'namespace' | 'apexName' | 'port'>,
  role: 'primary' | 'canary',
): string {
  return `${routing.namespace}-${routing.apexName}-${role}upstream-${routing.port}`;
}
