import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/**
 * The lab's pod network, as the API server sees it. The API server's proxy (`services/<name>/proxy`,
 * `pods/<name>/proxy`) dials the pod IP of an endpoint, and it refuses endpoints on loopback
 * addresses; the lab's simulated pods have made-up IPs (10.244.x.y) that route nowhere. So the
 * API server is started with an egress selector (`cluster`: HTTP CONNECT over this Unix socket,
 * as it would reach a real cluster through konnectivity), and this proxy connects a CONNECT to
 * `<pod IP>:<port>` to the 127.0.0.1 port the pod stands for (`resolve`). Nothing listens
 * beyond this machine: the socket is a file in the lab's data directory, the targets are on
 * 127.0.0.1, and a pod IP that stands for no local port is refused.
 */
export class ClusterNetworkProxy {
  private readonly server: http.Server;
  private readonly sockets = new Set<net.Socket>();
  /** Which 127.0.0.1 port a pod IP and port stand for; undefined refuses the connection. */
  resolve: (host: string, port: number) => Promise<number | undefined> =
    async () => undefined;

  constructor(readonly socketPath: string) {
    this.server = http.createServer((_req, res) => {
      res.writeHead(405).end('only CONNECT is served');
    });
    this.server.on(
      'connect',
      (req, client: net.Socket, head: Buffer) =>
        void this.connect(req, client, head),
    );
  }

  async listen(): Promise<void> {
    fs.rmSync(this.socketPath, { force: true });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socketPath, () => resolve());
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
    fs.rmSync(this.socketPath, { force: true });
  }

  private async connect(
    req: http.IncomingMessage,
    client: net.Socket,
    head: Buffer,
  ) {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    const localPort = match
      ? await this.resolve(match[1], Number(match[2])).catch(() => undefined)
      : undefined;
    if (!localPort) {
      client.end(
        `HTTP/1.1 502 Bad Gateway\r\n\r\nno lab pod serves ${req.url}\r\n`,
      );
      return;
    }
    const upstream = net.connect(localPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
  }
}
