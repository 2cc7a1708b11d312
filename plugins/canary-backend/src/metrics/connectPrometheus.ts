import fs from 'node:fs/promises';
import type https from 'node:https';
import { Agent } from 'undici';
import { decodeCa, type ClusterConnection } from '../cluster/ClusterConnection';
import {
  PrometheusMetricProvider,
  type PrometheusRequestAccess,
} from './PrometheusMetricProvider';
import type { PrometheusConfig, SecretSource } from './readPrometheusConfig';

/**
 * The client of one cluster's Prometheus as its config says: at a URL with a bearer token or
 * basic auth, headers and TLS trust, or inside the cluster through the API server's service
 * proxy with the engine's own credentials (as Lens reaches an in-cluster Prometheus). Files
 * are read again for every request, so rotated credentials and CAs are picked up.
 */
export function connectPrometheus(
  config: PrometheusConfig,
  cluster: {
    name: string;
    url: string;
    connection: Promise<ClusterConnection>;
  },
): PrometheusMetricProvider {
  const agents = new TlsAgents();
  if (config.serviceProxy) {
    const { namespace, service, port, scheme } = config.serviceProxy;
    const target = `${scheme === 'https' ? 'https:' : ''}${service}:${port}`;
    const proxyPath = `/api/v1/namespaces/${namespace}/services/${target}/proxy`;
    return new PrometheusMetricProvider({
      url: `${cluster.url}${proxyPath}`,
      headers: config.headers,
      description: `Prometheus ${namespace}/${service}:${port} through the API server of cluster ${cluster.name}`,
      access: async () => {
        // The engine's credentials (a kubeconfig's may be refreshed), and the API server's CA.
        const connection = await cluster.connection;
        const request: https.RequestOptions = { headers: {} };
        await connection.applyTo(request);
        return {
          baseUrl: `${connection.server.replace(/\/+$/, '')}${proxyPath}`,
          headers: Object.fromEntries(
            Object.entries(request.headers ?? {}).map(([name, value]) => [
              name,
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
      },
    });
  }
  return new PrometheusMetricProvider({
    url: config.url!,
    headers: config.headers,
    access: async (): Promise<PrometheusRequestAccess> => {
      const headers: Record<string, string> = {};
      if (config.bearerToken) {
        headers.authorization = `Bearer ${await readSecret(
          config.bearerToken,
          'bearerTokenFile',
        )}`;
      }
      if (config.basicAuth) {
        const password = await readSecret(
          config.basicAuth.password,
          'basicAuth.passwordFile',
        );
        headers.authorization = `Basic ${Buffer.from(
          `${config.basicAuth.username}:${password}`,
        ).toString('base64')}`;
      }
      const ca = config.ca
        ? decodeCa(await readSecret(config.ca, 'caFile'))
        : undefined;
      return {
        headers,
        dispatcher: agents.for({
          ca,
          rejectUnauthorized: !config.skipTLSVerify,
        }),
      };
    },
  });
}

interface TlsSettings {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

/** One undici Agent per TLS trust; a new one when a re-read CA file changed. */
class TlsAgents {
  private current?: { key: string; agent: Agent };

  for(settings: TlsSettings): Agent | undefined {
    if (
      !settings.ca &&
      !settings.cert &&
      !settings.key &&
      settings.rejectUnauthorized
    ) {
      return undefined;
    }
    const key = JSON.stringify(settings);
    if (this.current?.key !== key) {
      // Requests still using the old agent finish; it closes after them.
      void this.current?.agent.close().catch(() => undefined);
      this.current = { key, agent: new Agent({ connect: settings }) };
    }
    return this.current.agent;
  }
}

async function readSecret(source: SecretSource, fileField: string) {
  if ('value' in source) return source.value;
  try {
    return (await fs.readFile(source.file, 'utf8')).trim();
  } catch (error) {
    throw new Error(
      `${fileField} ${source.file} cannot be read: ${(error as Error).message}`,
    );
  }
}
