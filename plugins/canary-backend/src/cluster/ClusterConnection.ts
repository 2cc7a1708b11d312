import type https from 'node:https';

/**
 * Where one cluster's API server is and how to authenticate to it. Deliberately not
 * client-node's KubeConfig: loading @kubernetes/client-node costs the backend about 78 MB of
 * resident memory (it loads every generated API model), which the engine benchmark's budget
 * cannot afford. client-node is still used, lazily, for kubeconfig files (exec plugins, client
 * certificates, ...), where its full support matters.
 */
export interface ClusterConnection {
  /** The API server's base URL, e.g. https://127.0.0.1:6443. */
  server: string;
  /** Adds credentials and TLS trust to a request's options. */
  applyTo(options: https.RequestOptions): Promise<void>;
}

/** A connection with a bearer token (a ServiceAccount's) and the API server's CA. */
export function serviceAccountConnection(options: {
  url: string;
  token: string;
  /** PEM, or base64 of a PEM as in kubeconfigs. */
  caData?: string;
  skipTLSVerify?: boolean;
}): ClusterConnection {
  const ca = options.caData ? decodeCa(options.caData) : undefined;
  return {
    server: options.url,
    async applyTo(request) {
      request.headers = {
        ...request.headers,
        Authorization: `Bearer ${options.token}`,
      };
      if (ca) {
        request.ca = ca;
      }
      if (options.skipTLSVerify) {
        request.rejectUnauthorized = false;
      }
    },
  };
}

/** The shape of client-node's KubeConfig that a connection needs (no runtime import). */
export interface KubeConfigLike {
  getCurrentCluster(): { server: string } | null;
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}

/** A connection from a loaded client-node KubeConfig (kubeconfig files, the lab's admin config). */
export function kubeConfigConnection(
  kubeConfig: KubeConfigLike,
): ClusterConnection {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error('The kubeconfig has no current cluster');
  }
  return {
    server: cluster.server,
    applyTo: options => kubeConfig.applyToHTTPSOptions(options),
  };
}

/** A CA given as PEM, or base64 of a PEM as in kubeconfigs. */
export function decodeCa(caData: string): string {
  return caData.includes('BEGIN CERTIFICATE')
    ? caData
    : Buffer.from(caData, 'base64').toString('utf8');
}
