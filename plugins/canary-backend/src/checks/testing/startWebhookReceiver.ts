import {
  createServer,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request as the webhook server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  contentType?: string;
  body: unknown;
}

type Answer = { status: number; body?: string } | 'never';

/**
 * How the server answers a request to one path: a status and body, or never (a hung hook); or a
 * function of the request's number and the request, which may take its time (a test that looks
 * at the cluster at the moment a hook is called).
 */
export type WebhookAnswer =
  | Answer
  | ((count: number, request: ReceivedRequest) => Answer | Promise<Answer>);

/**
 * A webhook server on 127.0.0.1 for tests: records every request with its parsed JSON body and
 * answers per path as told (`count` is the 1-based number of the request to that path). With
 * `tls`, it serves HTTPS with that key and certificate.
 */
export async function startWebhookReceiver(
  answers: Record<string, WebhookAnswer>,
  options: { tls?: { key: string; cert: string } } = {},
): Promise<{
  url: (path: string) => string;
  requests: ReceivedRequest[];
  stop: () => Promise<void>;
}> {
  const requests: ReceivedRequest[] = [];
  const counts = new Map<string, number>();
  const hung: ServerResponse[] = [];
  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', async () => {
      const path = req.url ?? '/';
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the test then shows what was sent instead of JSON.
      }
      const received: ReceivedRequest = {
        method: req.method ?? '',
        path,
        contentType: req.headers['content-type'],
        body,
      };
      requests.push(received);
      const count = (counts.get(path) ?? 0) + 1;
      counts.set(path, count);
      const configured = answers[path] ?? { status: 404, body: 'no such hook' };
      const answer =
        typeof configured === 'function'
          ? await configured(count, received)
          : configured;
      if (answer === 'never') {
        hung.push(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'text/plain' });
      res.end(answer.body ?? '');
    });
  };
  const server = options.tls
    ? createHttpsServer(options.tls, listener)
    : createServer(listener);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: path => `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${path}`,
    requests,
    stop: async () => {
      hung.forEach(res => res.destroy());
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
