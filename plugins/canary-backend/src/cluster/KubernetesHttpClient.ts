import { KubeConfig } from '@kubernetes/client-node';
import https from 'node:https';
import http from 'node:http';

/** An API server answer other than 2xx, with the Status it sent. */
export class KubernetesApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubernetesApiError';
  }
}

/**
 * Raw JSON requests to one API server with the cluster's credentials. The engine handles
 * custom resources (VirtualService, HTTPRoute, ...) that client-node's typed serializer has no
 * model for and would strip, so it speaks JSON itself; client-node still provides the auth.
 */
export class KubernetesHttpClient {
  constructor(
    private readonly kubeConfig: KubeConfig,
    /** Sent as User-Agent, so the API server's audit log tells engine replicas apart. */
    private readonly userAgent = 'vane-canary',
  ) {}

  /** GET of a non-JSON endpoint such as /metrics. */
  async getText(path: string): Promise<string> {
    return this.send('GET', path, undefined, 'application/json', true);
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    return this.send(method, path, body, contentType, false);
  }

  private async send(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    contentType: string,
    raw: boolean,
  ): Promise<any> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new Error('The kubeconfig has no current cluster');
    }
    const server = new URL(cluster.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const options: https.RequestOptions = {
      method,
      protocol: server.protocol,
      hostname: server.hostname,
      port: server.port,
      path,
      headers: {
        Accept: raw ? '*/*' : 'application/json',
        'User-Agent': this.userAgent,
        ...(payload
          ? {
              'Content-Type': contentType,
              'Content-Length': Buffer.byteLength(payload),
            }
          : {}),
      },
    };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const transport = server.protocol === 'http:' ? http : https;
    return new Promise<any>((resolve, reject) => {
      const req = transport.request(options, res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          let parsed: any = undefined;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          if (status >= 200 && status < 300) {
            resolve(raw ? text : parsed);
          } else {
            reject(
              new KubernetesApiError(
                status,
                parsed?.reason ?? 'Unknown',
                `${method} ${path} answered ${status}: ${
                  parsed?.message ?? text
                }`,
              ),
            );
          }
        });
      });
      req.on('error', reject);
      req.setTimeout(30_000, () =>
        req.destroy(new Error(`${method} ${path} timed out after 30s`)),
      );
      if (payload) {
        req.write(payload);
      }
      req.end();
    });
  }
}
