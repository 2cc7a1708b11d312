import fs from 'node:fs/promises';
import { decodeCa, type ClusterConnection } from '../cluster/ClusterConnection';
import { serviceProxyRequest } from '../cluster/serviceProxyRequest';
import { TlsAgents } from '../cluster/TlsAgents';
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
    const { namespace, service, port } = config.serviceProxy;
    return new PrometheusMetricProvider({
      url: `${cluster.url}/api/v1/namespaces/${namespace}/services/${service}:${port}/proxy`,
      headers: config.headers,
      description: `Prometheus ${namespace}/${service}:${port} through the API server of cluster ${cluster.name}`,
      access: async () => {
        const { url, ...access } = await serviceProxyRequest(
          await cluster.connection,
          agents,
          config.serviceProxy!,
        );
        return { baseUrl: url, ...access };
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
