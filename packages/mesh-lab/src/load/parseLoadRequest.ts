import type { MeshDataPlane } from '../dataplane/MeshDataPlane';
import type { LoadSpec } from './LoadGenerator';

/**
 * Checks a background load as `PUT /loads` and `lab.setLoad()` receive it,
 * `{host?, gateway?, namespace?, rps, headers?, path?, method?, clients?}`, and turns it into a LoadSpec:
 * east-west it needs `host` and `namespace`; through a gateway it needs a `gateway` the data
 * plane knows (`host` is then the Host header). Throws an Error naming the field and the rule.
 */
export function parseLoadRequest(
  body: unknown,
  dataPlane: Pick<MeshDataPlane, 'findGateway'>,
): Omit<LoadSpec, 'until' | 'source'> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('a load is a JSON object {host?, gateway?, namespace?, rps, headers?, path?}');
  }
  const spec = body as Record<string, unknown>;
  const text = (field: string): string | undefined => {
    const value = spec[field];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`load ${field} must be a string (got ${JSON.stringify(value)})`);
    return value;
  };
  if (typeof spec.rps !== 'number' || !Number.isFinite(spec.rps) || spec.rps < 0) {
    throw new Error(`load rps must be a number of requests per second, 0 or more (got ${JSON.stringify(spec.rps)})`);
  }
  const headers = spec.headers ?? {};
  if (typeof headers !== 'object' || Object.values(headers).some(v => typeof v !== 'string')) {
    throw new Error('load headers must be an object of strings, e.g. {"x-canary": "insider"}');
  }
  const clients = spec.clients ?? undefined;
  if (clients !== undefined && (!Number.isInteger(clients) || (clients as number) < 1 || (clients as number) > 10_000)) {
    throw new Error(`load clients must be a whole number of sticky clients between 1 and 10000 (got ${JSON.stringify(clients)})`);
  }
  const path = text('path');
  if (path !== undefined && !path.startsWith('/')) throw new Error(`load path must start with / (got ${path})`);

  const gateway = text('gateway');
  const host = text('host');
  let namespace = text('namespace');
  if (gateway) {
    const found = dataPlane.findGateway(gateway);
    if ('error' in found) throw new Error(`load gateway: ${found.error}`);
    // The client is outside the mesh; the gateway's namespace stands in for its own.
    namespace ??= gateway.split('/')[0];
  } else if (!host || !namespace) {
    throw new Error('a load needs a host and its namespace (from inside the mesh) or a gateway (through it)');
  }
  return {
    host,
    gateway,
    namespace: namespace!,
    rps: spec.rps,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v as string])),
    path,
    method: text('method'),
    ...(clients !== undefined ? { clients: clients as number } : {}),
  };
}
