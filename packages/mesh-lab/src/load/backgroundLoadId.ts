import type { LoadSpec } from './LoadGenerator';

/**
 * One background stream per target: per host and namespace inside the mesh, per gateway and
 * Host header through a gateway. Setting it again replaces it (rps 0 stops it).
 */
export function backgroundLoadId(spec: Pick<LoadSpec, 'namespace' | 'host' | 'gateway'>): string {
  return spec.gateway
    ? `background:gateway ${spec.gateway} ${spec.host ?? ''}`
    : `background:${spec.namespace}/${spec.host}`;
}
