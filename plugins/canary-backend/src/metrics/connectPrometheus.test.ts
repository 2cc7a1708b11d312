import fs from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serviceAccountConnection } from '../cluster/ClusterConnection';
import { connectPrometheus } from './connectPrometheus';

// Prometheus' own --web.config.file knows no bearer tokens (the lab test covers basic auth and
// TLS against the real one); a server that records what it is sent stands in for the proxies
// (Thanos, Mimir, an OAuth proxy) that check them.
describe('connectPrometheus', () => {
  const received: IncomingHttpHeaders[] = [];
  const paths: string[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    paths.push(new URL(req.url!, 'http://x').pathname);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'success',
        data: { resultType: 'scalar', result: [0, '1'] },
      }),
    );
  });
  let url: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometheus-token-'));
  const tokenFile = path.join(dir, 'token');

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    received.length = 0;
    paths.length = 0;
  });

  const cluster = (apiServer = 'https://127.0.0.1:6443') => ({
    name: 'east',
    url: apiServer,
    connection: Promise.resolve(
      serviceAccountConnection({ url: apiServer, token: 'engine-token' }),
    ),
  });

  it('sends the token file as it is at each query, so a rotated token is used at once, with the headers', async () => {
    fs.writeFileSync(tokenFile, 'first\n');
    const prometheus = connectPrometheus(
      {
        url,
        bearerToken: { file: tokenFile },
        headers: { 'X-Scope-OrgID': 'team-a' },
        skipTLSVerify: false,
      },
      cluster(),
    );
    expect(await prometheus.query('vector(1)')).toBe(1);
    fs.writeFileSync(tokenFile, 'second\n');
    expect(await prometheus.query('vector(1)')).toBe(1);
    expect(received.map(h => [h.authorization, h['x-scope-orgid']])).toEqual([
      ['Bearer first', 'team-a'],
      ['Bearer second', 'team-a'],
    ]);
  });

  it('answers no data naming the file when the token file is gone, never a value', async () => {
    const prometheus = connectPrometheus(
      {
        url,
        bearerToken: { file: path.join(dir, 'missing') },
        headers: {},
        skipTLSVerify: false,
      },
      cluster(),
    );
    expect(await prometheus.query('vector(1)')).toEqual({
      noData: true,
      reason: `no data: Prometheus at ${url}: cannot prepare the request: bearerTokenFile ${path.join(
        dir,
        'missing',
      )} cannot be read: ENOENT: no such file or directory, open '${path.join(
        dir,
        'missing',
      )}'`,
    });
    expect(received).toEqual([]);
  });

  it("asks the service proxy path of the cluster's API server with the engine's token", async () => {
    const prometheus = connectPrometheus(
      {
        serviceProxy: {
          namespace: 'monitoring',
          service: 'prometheus',
          port: '9090',
          scheme: 'http',
        },
        headers: {},
        skipTLSVerify: false,
      },
      cluster(url),
    );
    expect(prometheus.description).toBe(
      'Prometheus monitoring/prometheus:9090 through the API server of cluster east',
    );
    expect(await prometheus.query('vector(1)')).toBe(1);
    expect(paths).toEqual([
      '/api/v1/namespaces/monitoring/services/prometheus:9090/proxy/api/v1/query',
    ]);
    expect(received[0].authorization).toBe('Bearer engine-token');
  });
});
