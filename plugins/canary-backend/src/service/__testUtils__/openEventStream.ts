import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Opens a Server-Sent Events stream of a test backend (its server, or the port of a backend
 * process) and hands out its events in order, each with when it arrived; `next` fails with what
 * it waited for when no event comes in time.
 */
export async function openEventStream(
  server: http.Server | number,
  path: string,
  headers: http.OutgoingHttpHeaders = {},
) {
  const port =
    typeof server === 'number'
      ? server
      : (server.address() as AddressInfo).port;
  const queue: Array<{ event: string; data: any; at: number }> = [];
  let wake: (() => void) | undefined;
  const response = await new Promise<http.IncomingMessage>(
    (resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, headers }, resolve)
        .on('error', reject);
    },
  );
  const waitForEvent = (ms: number) =>
    new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    for (
      let end = buffer.indexOf('\n\n');
      end >= 0;
      end = buffer.indexOf('\n\n')
    ) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter(line => line && !line.startsWith(':'))
          .map(line => [
            line.slice(0, line.indexOf(':')),
            line.slice(line.indexOf(':') + 1).trimStart(),
          ]),
      );
      if (fields.event) {
        queue.push({
          event: fields.event,
          data: JSON.parse(fields.data),
          at: Date.now(),
        });
        wake?.();
      }
    }
  });

  return {
    status: response.statusCode,
    headers: response.headers,
    async next(what: string, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `No stream event within ${timeoutMs} ms: waited for ${what}`,
          );
        }
        await waitForEvent(left);
      }
      return queue.shift()!;
    },
    /** Events received and not yet taken. */
    pending: () => queue.length,
    close: () => response.destroy(),
  };
}
