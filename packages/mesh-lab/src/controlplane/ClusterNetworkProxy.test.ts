import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ClusterNetworkProxy } from './ClusterNetworkProxy';

/** Sends `CONNECT target` over the proxy's socket, then (when let through) a GET in the tunnel. */
function connectThrough(socketPath: string, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: 'CONNECT', path: target });
    req.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        resolve({ status: res.statusCode ?? 0, body: '' });
        socket.destroy();
        return;
      }
      socket.write(`GET /-/ready HTTP/1.1\r\nHost: ${target}\r\nConnection: close\r\n\r\n`);
      let text = '';
      socket.on('data', chunk => (text += chunk));
      socket.on('end', () => resolve({ status: 200, body: text.split('\r\n\r\n')[1] ?? '' }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('ClusterNetworkProxy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-network-'));
  const proxy = new ClusterNetworkProxy(path.join(dir, 'pod-network.sock'));
  const server = http.createServer((_req, res) => res.end('Prometheus is Ready.'));
  let localPort: number;

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    localPort = (server.address() as AddressInfo).port;
    proxy.resolve = async (host, port) => (host === '10.244.0.7' && port === 9090 ? localPort : undefined);
    await proxy.listen();
  });
  afterAll(async () => {
    await proxy.stop();
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tunnels a CONNECT to a pod IP to the 127.0.0.1 port the pod stands for', async () => {
    expect(await connectThrough(proxy.socketPath, '10.244.0.7:9090')).toEqual({
      status: 200,
      body: 'Prometheus is Ready.',
    });
  });

  it.each(['10.244.0.8:9090', '10.244.0.7:80', '192.0.2.1:443'])(
    'refuses %s, which no lab pod stands for, with a 502',
    async target => {
      expect((await connectThrough(proxy.socketPath, target)).status).toBe(502);
    },
  );
});
