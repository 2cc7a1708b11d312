import http from 'node:http';
import { AddressInfo } from 'node:net';

/** What an alert receiver was sent: the path posted to and the JSON body. */
export interface ReceivedAlert {
  path: string;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A local stand-in for alert providers' incoming webhooks, on 127.0.0.1: it records every POST
 * and answers each path with its status from `statuses` (200 by default).
 */
export async function startAlertReceiver(
  statuses: Record<string, number> = {},
) {
  const received: ReceivedAlert[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', chunk => (data += chunk));
    req.on('end', () => {
      received.push({
        path: req.url!,
        body: JSON.parse(data || 'null'),
        headers: req.headers,
      });
      res.statusCode = statuses[req.url!] ?? 200;
      res.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}
