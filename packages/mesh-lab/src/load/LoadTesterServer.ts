import http from 'node:http';
import { AddressInfo } from 'node:net';
import { MeshDataPlane } from '../dataplane/MeshDataPlane';
import { backgroundLoadId } from './backgroundLoadId';
import { LoadGenerator } from './LoadGenerator';
import { parseHeyCommand, splitCommandLine } from './parseHeyCommand';
import { parseLoadRequest } from './parseLoadRequest';
import { requestToUrl } from './requestToUrl';

/** Flagger's webhook payload, as its load tester receives it. */
export interface FlaggerWebhookPayload {
  name?: string;
  namespace?: string;
  phase?: string;
  metadata?: Record<string, string>;
}

/**
 * A stand-in for Flagger's load tester (flagger-loadtester): the same webhook contract
 * (POST {name, namespace, phase, metadata: {cmd, type}}), with `hey` runs turned into simulated
 * load and `curl` checks into one simulated request. It also serves the lab's load API
 * (GET/PUT /loads) that `mesh-lab load` and startLab().setLoad use.
 */
export class LoadTesterServer {
  private server?: http.Server;

  constructor(
    private readonly load: LoadGenerator,
    private readonly dataPlane: MeshDataPlane,
  ) {}

  async listen(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req)
        .then(({ status, body }) => {
          res.statusCode = status;
          res.setHeader('Content-Type', typeof body === 'string' ? 'text/plain' : 'application/json');
          res.end(typeof body === 'string' ? `${body}\n` : JSON.stringify(body));
        })
        .catch(e => {
          res.statusCode = 400;
          res.end(`${e.message}\n`);
        });
    });
    await new Promise<void>(resolve => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise(resolve => this.server!.close(resolve));
  }

  /** Handles one Flagger webhook call; exported through the HTTP endpoint and for tests. */
  runWebhook(payload: FlaggerWebhookPayload): { status: number; body: string } {
    const cmd = payload.metadata?.cmd;
    if (!cmd) return { status: 400, body: 'metadata.cmd is required' };
    const namespace = payload.namespace ?? 'default';
    if (/(^|[\s;&|/])hey\s/.test(cmd)) {
      const hey = parseHeyCommand(cmd);
      // Flagger calls the rollout hook every interval; like flagger-loadtester, a command
      // already running for this canary is not started twice.
      const id = `hey:${payload.name ?? ''}.${namespace}:${cmd}`;
      if (this.load.has(id)) return { status: 200, body: `already running: ${cmd}` };
      this.load.set(id, {
        ...requestToUrl(hey.url, hey.host, hey.headers),
        namespace,
        rps: hey.rps,
        path: hey.url.pathname + hey.url.search,
        method: hey.method,
        source: 'flagger-loadtester',
        until: Date.now() + hey.durationMs,
      });
      return { status: 200, body: `started: ${hey.rps} rps for ${hey.durationMs / 1000} s to ${hey.host}` };
    }
    if (/(^|[\s;&|/])curl\s/.test(cmd)) {
      return this.runCurl(cmd, namespace);
    }
    return {
      status: 400,
      body: `mesh-lab load tester simulates hey and curl commands only; got: ${cmd}`,
    };
  }

  private runCurl(cmd: string, namespace: string): { status: number; body: string } {
    const words = splitCommandLine(cmd.split('|')[0]);
    let method: string | undefined;
    const headers: Record<string, string> = {};
    let url: URL | undefined;
    for (let i = words.indexOf('curl') + 1; i < words.length; i++) {
      const w = words[i];
      if (w === '-X' || w === '--request') method = words[++i];
      else if (w === '-H' || w === '--header') {
        const [k, ...v] = words[++i].split(':');
        headers[k.trim().toLowerCase()] = v.join(':').trim();
      } else if (/^-[a-zA-Z]*d$/.test(w) || w === '--data') {
        method = method ?? 'POST';
        i++;
      } else if (/^https?:\/\//.test(w)) url = new URL(w);
    }
    if (!url) return { status: 400, body: `curl: no URL in: ${cmd}` };
    const result = this.dataPlane.send({
      ...requestToUrl(url, undefined, headers),
      namespace,
      method: method ?? 'GET',
      path: url.pathname + url.search,
      source: { workload: 'flagger-loadtester', namespace },
      count: 1,
    });
    const code = Object.keys(result.codes)[0] ?? 'NR';
    const ok = /^2\d\d$/.test(code);
    return { status: ok ? 200 : 500, body: `${url.href} answered ${code}` };
  }

  private async handle(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') return { status: 200, body: 'OK' };
    if (req.method === 'GET' && url.pathname === '/loads') return { status: 200, body: this.load.list() };
    if (req.method === 'PUT' && url.pathname === '/loads') {
      const spec = parseLoadRequest(JSON.parse(await readBody(req)), this.dataPlane);
      this.load.set(backgroundLoadId(spec), spec);
      return { status: 200, body: this.load.list() };
    }
    if (req.method === 'POST' && (url.pathname === '/' || url.pathname === '')) {
      return this.runWebhook(JSON.parse(await readBody(req)));
    }
    return { status: 404, body: `mesh-lab load tester: no ${req.method} ${url.pathname}` };
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
      if (body.length > 1_000_000) reject(new Error('request body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
