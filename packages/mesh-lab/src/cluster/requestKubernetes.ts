import { KubeConfig } from '@kubernetes/client-node';
import https from 'node:https';

/** An API server answer other than 2xx, with the Status body it sent. */
export class KubernetesRequestError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
    where: string,
  ) {
    super(`${where} answered ${code}: ${body}`);
  }
}

/**
 * Sends a raw JSON request to the API server with the kubeconfig's credentials. Used where
 * client-node's typed serializer would drop fields it has no model for (it silently strips
 * `x-kubernetes-preserve-unknown-fields` from CRD schemas, for one).
 */
export async function requestKubernetes(
  kc: KubeConfig,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<any> {
  const server = new URL(kc.getCurrentCluster()!.server);
  const options: https.RequestOptions = {
    method,
    hostname: server.hostname,
    port: server.port,
    path,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': contentType } : {}) },
  };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = https.request(options, res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', chunk => (text += chunk));
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 300) resolve(text ? JSON.parse(text) : undefined);
        else reject(new KubernetesRequestError(code, text, `${method} ${path}`));
      });
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}
