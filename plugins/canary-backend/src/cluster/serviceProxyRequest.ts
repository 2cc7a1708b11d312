import type https from 'node:https';
import type { Dispatcher } from 'undici';
import type { ClusterConnection } from './ClusterConnection';
import type { TlsAgents } from './TlsAgents';

/** A Service of the cluster, as the API server's service proxy names it. */
export interface ClusterService {
  namespace: string;
  service: string;
  /** The Service's port, by number or name. */
  port: string;
  /** How the API server talks to the Service. */
  scheme: 'http' | 'https';
}

/**
 * Where and how to send a request to a Service of the cluster through its API server
 * (`/api/v1/namespaces/<ns>/services/[https:]<name>:<port>/proxy/...`, as kubectl proxy and Lens
 * do): the URL, the engine's credentials (a kubeconfig's are refreshed as it says) and the API
 * server's TLS trust.
 */
export async function serviceProxyRequest(
  connection: ClusterConnection,
  agents: TlsAgents,
  target: ClusterService,
  /** Path and query on the Service, e.g. `/api/v1/query?query=up`; empty for the base. */
  pathAndQuery = '',
): Promise<{
  url: string;
  headers: Record<string, string>;
  dispatcher?: Dispatcher;
}> {
  const { namespace, service, port, scheme } = target;
  const name = `${scheme === 'https' ? 'https:' : ''}${service}:${port}`;
  const request: https.RequestOptions = { headers: {} };
  await connection.applyTo(request);
  return {
    url: `${connection.server.replace(
      /\/+$/,
      '',
    )}/api/v1/namespaces/${namespace}/services/${name}/proxy${pathAndQuery}`,
    headers: Object.fromEntries(
      Object.entries(request.headers ?? {}).map(([header, value]) => [
        header,
        String(value),
      ]),
    ),
    dispatcher: agents.for({
      ca: request.ca as string | undefined,
      cert: request.cert as string | undefined,
      key: request.key as string | undefined,
      rejectUnauthorized: request.rejectUnauthorized ?? true,
    }),
  };
}
