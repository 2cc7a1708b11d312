import https from 'node:https';
import http from 'node:http';
import type { ClusterConnection } from './ClusterConnection';

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
 * Raw JSON requests and watches to one API server with the cluster's credentials. The engine
 * handles custom resources (VirtualService, HTTPRoute, ...) that client-node's typed serializer
 * has no model for and would strip, so it speaks JSON itself.
 */
export class KubernetesHttpClient {
  private readonly connection: Promise<ClusterConnection>;

  constructor(
    /** A promise when setting up the connection takes work (loading a kubeconfig file). */
    connection: ClusterConnection | Promise<ClusterConnection>,
    /** Sent as User-Agent, so the API server's audit log tells engine replicas apart. */
    private readonly userAgent = 'vane-canary',
  ) {
    this.connection = Promise.resolve(connection);
    // A failed setup is reported by the requests that need it, not as an unhandled rejection.
    this.connection.catch(() => undefined);
  }

  /**
   * GET of a non-JSON endpoint such as /metrics, or of another representation than the object's
   * (`accept`, e.g. the Table `kubectl get` prints).
   */
  async getText(path: string, accept = '*/*'): Promise<string> {
    return this.send('GET', path, undefined, 'application/json', accept);
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    contentType = 'application/json',
    /**
     * Give up (close the connection, which cancels the request in the API server) after this
     * long; 30 s by default. The engine's writes end before its Lease does.
     */
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    return this.send(
      method,
      path,
      body,
      contentType,
      undefined,
      options.timeoutMs,
    );
  }

  /**
   * Opens a watch (`?watch=1`) and calls `onEvent` for every event line until the server ends
   * the stream or `signal` aborts. Resolves when the stream ends; rejects on a non-2xx answer or
   * a broken connection.
   */
  async watch(
    path: string,
    onEvent: (event: { type: string; object: any }) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const { options, transport } = await this.prepare('GET', path, {
      Accept: 'application/json',
    });
    options.signal = signal;
    await new Promise<void>((resolve, reject) => {
      const req = transport.request(options, res => {
        if ((res.statusCode ?? 0) >= 300) {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', chunk => (text += chunk));
          res.on('end', () =>
            reject(
              new KubernetesApiError(
                res.statusCode ?? 0,
                'Unknown',
                `watch ${path} answered ${res.statusCode}: ${text}`,
              ),
            ),
          );
          return;
        }
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (line) {
              try {
                onEvent(JSON.parse(line));
              } catch (error) {
                req.destroy(error as Error);
                return;
              }
            }
            newline = buffered.indexOf('\n');
          }
        });
        res.on('end', () => resolve());
        res.on('error', reject);
      });
      req.on('error', error => (signal.aborted ? resolve() : reject(error)));
      req.end();
    });
  }

  /** Request options for the API server, with this client's credentials and User-Agent. */
  private async prepare(
    method: string,
    path: string,
    headers: Record<string, string | number>,
  ) {
    const connection = await this.connection;
    const server = new URL(connection.server);
    const options: https.RequestOptions = {
      method,
      protocol: server.protocol,
      hostname: server.hostname,
      port: server.port,
      path,
      headers: { ...headers, 'User-Agent': this.userAgent },
    };
    await connection.applyTo(options);
    return { options, transport: server.protocol === 'http:' ? http : https };
  }

  private async send(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    contentType: string,
    /** Answer the body as text, asking for this representation; JSON parsed when absent. */
    rawAccept?: string,
    timeoutMs = 30_000,
  ): Promise<any> {
    const raw = rawAccept !== undefined;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { options, transport } = await this.prepare(method, path, {
      Accept: rawAccept ?? 'application/json',
      ...(payload
        ? {
            'Content-Type': contentType,
            'Content-Length': Buffer.byteLength(payload),
          }
        : {}),
    });
    return new Promise<any>((resolvePromise, rejectPromise) => {
      // A deadline for the whole exchange, not an idle timeout: a server that trickles or holds
      // the answer (the API server waiting on etcd) is given up on all the same.
      const deadline = setTimeout(
        () =>
          // Runs only after `req` below exists: the timer fires at the earliest after this tick.
          // eslint-disable-next-line @typescript-eslint/no-use-before-define
          req.destroy(
            new Error(
              `${method} ${path} gave no answer within ${Math.round(
                timeoutMs,
              )} ms`,
            ),
          ),
        Math.max(0, timeoutMs),
      );
      const resolve = (value: unknown) => {
        clearTimeout(deadline);
        resolvePromise(value);
      };
      const reject = (error: Error) => {
        clearTimeout(deadline);
        rejectPromise(error);
      };
      const req = transport.request(options, res => {
        let text = '';
        res.setEncoding('utf8');
        // The connection closed (by the deadline, or the server) before the whole answer came.
        res.on('error', reject);
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
      if (payload) {
        req.write(payload);
      }
      req.end();
    });
  }
}
