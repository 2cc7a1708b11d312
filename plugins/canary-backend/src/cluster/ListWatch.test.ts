import http from 'node:http';
import { AddressInfo } from 'node:net';
import { serviceAccountConnection } from './ClusterConnection';
import { KubernetesHttpClient } from './KubernetesHttpClient';
import { ListWatch } from './ListWatch';

const pod = (name: string, resourceVersion: string) => ({
  metadata: {
    name,
    namespace: 'test',
    resourceVersion,
    managedFields: [{ manager: 'x' }],
  },
});

/**
 * A stand-in API server for one collection: it answers lists from `lists` and each watch with
 * the next batch of `watches` (event lines), then ends the stream, as the API server does at
 * its watch timeout.
 */
async function fakeApiServer(
  lists: any[],
  watches: Array<Array<Record<string, unknown>>>,
) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url!);
    expect(req.headers.authorization).toBe('Bearer t0ken');
    if (!req.url!.includes('watch=1')) {
      res.end(JSON.stringify(lists.shift()));
      return;
    }
    const events = watches.shift();
    if (!events) {
      return; // Keep the last watch open until the test stops the ListWatch.
    }
    res.write(`${events.map(e => JSON.stringify(e)).join('\n')}\n`);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

async function until(description: string, check: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${description}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('ListWatch', () => {
  it('lists, follows the watch from the list version, resumes after the stream ends and lists again after 410 Gone', async () => {
    const api = await fakeApiServer(
      [
        {
          metadata: { resourceVersion: '10' },
          items: [pod('a', '5'), pod('b', '6')],
        },
        // After 410: b is gone, c appeared while the watch was broken.
        {
          metadata: { resourceVersion: '30' },
          items: [pod('a', '11'), pod('c', '29')],
        },
      ],
      [
        [
          {
            type: 'MODIFIED',
            object: { apiVersion: 'v1', kind: 'Pod', ...pod('a', '11') },
          },
        ],
        [
          {
            type: 'ERROR',
            object: { kind: 'Status', code: 410, reason: 'Expired' },
          },
        ],
      ],
    );
    const events: string[] = [];
    const errors: string[] = [];
    const watch = new ListWatch({
      client: new KubernetesHttpClient(
        serviceAccountConnection({ url: api.url, token: 't0ken' }),
      ),
      path: '/api/v1/pods',
      apiVersion: 'v1',
      kind: 'Pod',
      onEvent: (verb, object) =>
        events.push(
          `${verb} ${object.metadata.name}@${object.metadata.resourceVersion}`,
        ),
      onError: message => errors.push(message),
    });
    try {
      await watch.start();
      expect(watch.list().map(o => o.metadata.name)).toEqual(['a', 'b']);
      // List items get their kind, and the API server's bookkeeping is dropped.
      expect(watch.get('test', 'a')).toEqual({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a', namespace: 'test', resourceVersion: '5' },
      });

      // The relist's events are delivered before the watch from its version is requested.
      await until(
        'the relist after 410 and the watch from its version',
        () => events.includes('add c@29') && api.requests.length >= 5,
      );
      expect(events).toEqual([
        'add a@5',
        'add b@6',
        'update a@11',
        'add c@29',
        'delete b@6',
      ]);
      expect(
        watch
          .list()
          .map(o => o.metadata.name)
          .sort(),
      ).toEqual(['a', 'c']);
      expect(
        api.requests.map(u => u.replace(/timeoutSeconds=\d+&/, '')),
      ).toEqual([
        '/api/v1/pods',
        '/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=10',
        '/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=11',
        '/api/v1/pods',
        '/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=30',
      ]);
      expect(errors).toEqual([]);
    } finally {
      watch.stop();
      await api.close();
    }
  });

  it('is out of sync from a broken watch until a fresh list has landed, and then reports what changed meanwhile', async () => {
    // The API server: one list, a watch whose connection it drops (a restart), lists refused
    // while it is "down", then a list with what changed meanwhile.
    let down = false;
    let lists = 0;
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url!);
      if (down) {
        res.statusCode = 503;
        res.end('{"kind":"Status","code":503}');
        return;
      }
      if (!req.url!.includes('watch=1')) {
        lists += 1;
        res.end(
          JSON.stringify(
            lists === 1
              ? { metadata: { resourceVersion: '10' }, items: [pod('a', '5')] }
              : { metadata: { resourceVersion: '40' }, items: [pod('a', '33')] },
          ),
        );
        return;
      }
      if (lists === 1) {
        // The first watch: headers, then the connection breaks.
        res.write('\n');
        setTimeout(() => {
          down = true;
          req.socket.destroy();
        }, 50);
        return;
      }
      // Later watches stay open until the test stops the ListWatch.
      res.write('\n');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const events: string[] = [];
    const watch = new ListWatch({
      client: new KubernetesHttpClient(
        serviceAccountConnection({ url, token: 't0ken' }),
      ),
      path: '/api/v1/pods',
      apiVersion: 'v1',
      kind: 'Pod',
      onEvent: (verb, object) =>
        events.push(
          `${verb} ${object.metadata.name}@${object.metadata.resourceVersion}`,
        ),
      onError: () => {},
    });
    try {
      await watch.start();
      expect(watch.outOfSync).toBeUndefined();
      await until('the broken watch to be noticed', () => !!watch.outOfSync);
      expect(watch.outOfSync).toMatch(/^watch of Pod failed at \S+: /);
      // It still answers from what it had, but says it may be behind.
      expect(watch.get('test', 'a')?.metadata.resourceVersion).toBe('5');
      await until('a refused relist', () =>
        requests.filter(u => !u.includes('watch=1')).length >= 2,
      );
      expect(watch.outOfSync).toBeDefined();

      down = false;
      await until('the fresh list', () => watch.outOfSync === undefined);
      expect(events).toEqual(['add a@5', 'update a@33']);
      await until('the watch from the fresh list', () =>
        requests.some(u => u.includes('resourceVersion=40')),
      );
    } finally {
      watch.stop();
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('keeps what `keep` makes of each listed and watched object, and reports that', async () => {
    const secret = (resourceVersion: string, token: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'test', resourceVersion },
      data: { token },
    });
    const api = await fakeApiServer(
      [{ metadata: { resourceVersion: '10' }, items: [secret('5', 'b2xk')] }],
      [[{ type: 'MODIFIED', object: secret('11', 'bmV3') }]],
    );
    const reported: any[] = [];
    const watch = new ListWatch({
      client: new KubernetesHttpClient(
        serviceAccountConnection({ url: api.url, token: 't0ken' }),
      ),
      path: '/api/v1/secrets',
      apiVersion: 'v1',
      kind: 'Secret',
      onEvent: (_verb, object) => reported.push(object),
      onError: () => {},
      keep: ({ data, ...rest }: any) => ({
        ...rest,
        keys: Object.keys(data),
      }),
    });
    try {
      await watch.start();
      await until('the watched update', () => reported.length === 2);
      const kept = (resourceVersion: string) => ({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'test', resourceVersion },
        keys: ['token'],
      });
      expect(reported).toEqual([kept('5'), kept('11')]);
      expect(watch.get('test', 's')).toEqual(kept('11'));
    } finally {
      watch.stop();
      await api.close();
    }
  });
});
