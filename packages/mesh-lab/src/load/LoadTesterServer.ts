import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { MeshDataPlane } from '../dataplane/MeshDataPlane';
import { answerTask } from './answerTask';
import { GateKind, GateStore } from './GateStore';
import { backgroundLoadId } from './backgroundLoadId';
import { LabTaskRunner } from './LabTaskRunner';
import { LoadGenerator } from './LoadGenerator';
import { parseLoadRequest } from './parseLoadRequest';
import { FlaggerWebhookPayload, parseWebhookPayload } from './parseWebhookPayload';

/** One request the load tester answered, for `GET /calls`. */
export interface LoadTesterCall {
  at: string;
  method: string;
  path: string;
  /** The Canary the payload named (`<name>.<namespace>`), when it could be read. */
  canary?: string;
  status: number;
}

type Answer = { status: number; body: string | object };

const MAX_CALLS = 500;

/**
 * A stand-in for Flagger's load tester (flagger-loadtester, pkg/loadtester/server.go) with its
 * endpoints, status codes and bodies: the gates (`/gate/approve`, `/gate/halt`, `/gate/check`,
 * `/gate/open`, `/gate/close`) and the rollback switch (`/rollback/check|open|close`) keyed by
 * the payload's name and namespace, and tasks at every other path (commands simulated by
 * LabTaskRunner). It also serves the lab's own GET/PUT /loads (background load, used by
 * `mesh-lab load` and startLab().setLoad) and GET /calls (what it answered, newest last).
 */
export class LoadTesterServer {
  private server?: http.Server;
  private readonly gates = new GateStore();
  private readonly calls: LoadTesterCall[] = [];

  constructor(
    private readonly load: LoadGenerator,
    private readonly dataPlane: MeshDataPlane,
    private readonly kubeConfig: KubeConfig,
  ) {}

  async listen(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const answer = (status: number, body: string | object, canary?: string) => {
        if (path !== '/calls' && path !== '/loads') {
          this.calls.push({ at: new Date().toISOString(), method: req.method ?? '', path, canary, status });
          if (this.calls.length > MAX_CALLS) this.calls.shift();
        }
        res.statusCode = status;
        if (typeof body === 'string') {
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end(body);
        } else {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(body));
        }
      };
      readBody(req)
        .then(body => this.handle(req.method ?? 'GET', path, body))
        .then(({ status, body, canary }) => answer(status, body, canary))
        .catch(e => answer(500, `mesh-lab load tester: ${(e as Error).message}`));
    });
    await new Promise<void>(resolve => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise(resolve => this.server!.close(resolve));
  }

  private async handle(
    method: string,
    path: string,
    body: string,
  ): Promise<Answer & { canary?: string }> {
    let payload: FlaggerWebhookPayload | undefined;
    try {
      payload = parseWebhookPayload(body);
    } catch {
      payload = undefined;
    }
    const canary = payload && `${payload.name}.${payload.namespace}`;
    const answer = await this.answer(method, path, body, payload);
    return { ...answer, canary };
  }

  private async answer(
    method: string,
    path: string,
    body: string,
    payload: FlaggerWebhookPayload | undefined,
  ): Promise<Answer> {
    // flagger-loadtester's mux does not look at the method, nor do these read the body.
    if (path === '/healthz') return { status: 200, body: 'OK' };
    if (path === '/gate/approve') return { status: 200, body: 'OK' };
    if (path === '/gate/halt') return { status: 403, body: 'Forbidden' };
    if (method === 'GET' && path === '/calls') return { status: 200, body: this.calls };
    if (method === 'GET' && path === '/loads') return { status: 200, body: this.load.list() };
    if (method === 'PUT' && path === '/loads') return this.putLoad(body);

    // A body Go's json.Unmarshal refuses: 400 with no body, as flagger-loadtester answers.
    if (!payload) return { status: 400, body: '' };
    const switchPath = /^\/(gate|rollback)\/(check|open|close)$/.exec(path);
    if (switchPath) return this.flipSwitch(switchPath[1] as GateKind, switchPath[2], payload);
    const runner = new LabTaskRunner(
      { load: this.load, dataPlane: this.dataPlane, kubeConfig: this.kubeConfig },
      payload.namespace,
    );
    return answerTask(payload, runner);
  }

  private flipSwitch(kind: GateKind, action: string, payload: FlaggerWebhookPayload): Answer {
    if (action === 'check') {
      return this.gates.isOpen(kind, payload)
        ? { status: 200, body: 'Approved' }
        : { status: 403, body: 'Forbidden' };
    }
    this.gates.set(kind, payload, action === 'open');
    return { status: 202, body: '' };
  }

  private putLoad(body: string): Answer {
    let spec: ReturnType<typeof parseLoadRequest>;
    try {
      spec = parseLoadRequest(JSON.parse(body), this.dataPlane);
    } catch (e) {
      return { status: 400, body: `PUT /loads: ${(e as Error).message}` };
    }
    this.load.set(backgroundLoadId(spec), spec);
    return { status: 200, body: this.load.list() };
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
