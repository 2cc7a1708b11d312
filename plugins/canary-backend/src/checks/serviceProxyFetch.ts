import { fetch as undiciFetch } from 'undici';
import type { ClusterConnection } from '../cluster/ClusterConnection';
import { serviceProxyRequest } from '../cluster/serviceProxyRequest';
import { TlsAgents } from '../cluster/TlsAgents';
import { inClusterServiceOf } from './inClusterServiceOf';

/** The fetch that reaches a webhook URL, when it names a Service of the cluster. */
export type WebhookRoute = (webhookUrl: string) => typeof fetch | undefined;

/**
 * Webhooks whose URL names a Service of the cluster (`http://flagger-loadtester.test/`) sent
 * through the cluster's API server service proxy with the engine's credentials, for a backend
 * outside the cluster; any other URL is left to the direct call.
 */
export function serviceProxyFetch(
  connection: Promise<ClusterConnection>,
): WebhookRoute {
  const agents = new TlsAgents();
  return webhookUrl => {
    const found = inClusterServiceOf(webhookUrl);
    if (!found) return undefined;
    return (async (_input: unknown, init?: RequestInit) => {
      const request = await serviceProxyRequest(
        await connection,
        agents,
        found.target,
        found.pathAndQuery,
      );
      return undiciFetch(request.url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        headers: {
          ...(init?.headers as Record<string, string>),
          ...request.headers,
        },
        dispatcher: request.dispatcher,
      });
    }) as unknown as typeof fetch;
  };
}
