import { BatchResult, MeshDataPlane } from '../dataplane/MeshDataPlane';
import { StickyClient } from './StickyClient';

/** A steady stream of simulated requests to one host, from inside the mesh or through a gateway. */
export interface LoadSpec {
  /**
   * Without `gateway`: what the client calls (a Service name, `svc.ns`, a hostname a route
   * claims, or a gateway's Service, which sends the stream through that gateway). With
   * `gateway`: the Host header (default: the gateway's address, as `hey http://$INGRESS_IP/`).
   */
  host?: string;
  /**
   * Send the stream to this gateway, `namespace/name` (north-south): an Istio gateway's Service
   * such as `istio-system/istio-ingressgateway`, or a Gateway API Gateway.
   */
  gateway?: string;
  /** The client's namespace; short hosts resolve in it. */
  namespace: string;
  rps: number;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  /** Who sends it, for source_workload labels. */
  source?: string;
  /** Epoch ms after which the stream ends (one-shot runs); background load has none. */
  until?: number;
  /**
   * Sticky clients: the stream is this many clients sending in turn, each keeping the cookies
   * its answers set (StickyClient). Without it every request is a new client without cookies.
   */
  clients?: number;
}

export interface LoadStatus extends LoadSpec {
  id: string;
  sent: number;
  codes: Record<string, number>;
  /** Answers by the workload (Deployment) that gave them. */
  served: Record<string, number>;
  /** With `clients`: each client's Cookie header now, and who answered it so far. */
  stickyClients?: Array<{ cookie: string; served: Record<string, number> }>;
}

interface Stream extends Omit<LoadStatus, 'stickyClients'> {
  carry: number;
  stickyClients?: StickyClient[];
  /** The sticky client that sends next. */
  turn: number;
}

const TICK_MS = 200;

/**
 * Drives every load stream in fixed ticks: each tick sends rps × elapsed requests per stream,
 * carrying fractions over, so a 50 rps stream sends exactly 50 requests a second on average
 * without a timer per request.
 */
export class LoadGenerator {
  private readonly streams = new Map<string, Stream>();
  private timer?: NodeJS.Timeout;
  private lastTick = Date.now();

  constructor(private readonly dataPlane: MeshDataPlane) {}

  start(): void {
    this.lastTick = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.streams.clear();
  }

  /** Sets (or with rps 0 removes) the stream with this id. */
  set(id: string, spec: LoadSpec): void {
    if (!(spec.rps > 0)) {
      this.streams.delete(id);
      return;
    }
    const existing = this.streams.get(id);
    const url = `http://${spec.host ?? spec.gateway ?? 'localhost'}${spec.path ?? '/'}`;
    // The same clients when the stream is set again with as many: they keep their cookies.
    let stickyClients: StickyClient[] | undefined;
    if (spec.clients) {
      stickyClients =
        existing?.stickyClients?.length === spec.clients
          ? existing.stickyClients
          : Array.from({ length: spec.clients }, () => new StickyClient(url));
    }
    this.streams.set(id, {
      ...spec,
      id,
      sent: existing?.sent ?? 0,
      codes: existing?.codes ?? {},
      served: existing?.served ?? {},
      carry: existing?.carry ?? 0,
      stickyClients,
      turn: existing?.turn ?? 0,
    });
  }

  has(id: string): boolean {
    return this.streams.has(id);
  }

  list(): LoadStatus[] {
    // Copies: a caller keeping a listing keeps the counts as they were.
    return [...this.streams.values()].map(({ carry, turn, stickyClients, ...s }) => ({
      ...s,
      codes: { ...s.codes },
      served: { ...s.served },
      ...(stickyClients
        ? { stickyClients: stickyClients.map(c => ({ cookie: c.cookie(), served: { ...c.served } })) }
        : {}),
    }));
  }

  private tick(): void {
    const now = Date.now();
    const elapsed = Math.min(now - this.lastTick, 5 * TICK_MS) / 1000;
    this.lastTick = now;
    for (const stream of this.streams.values()) {
      if (stream.until !== undefined && now >= stream.until) {
        this.streams.delete(stream.id);
        continue;
      }
      const due = stream.rps * elapsed + stream.carry;
      const count = Math.floor(due);
      stream.carry = due - count;
      if (count === 0) continue;
      if (!stream.stickyClients) {
        this.send(stream, count, stream.headers ?? {});
        continue;
      }
      // One request at a time, each client in turn with the cookies it holds then.
      for (let i = 0; i < count; i++) {
        const client = stream.stickyClients[stream.turn++ % stream.stickyClients.length];
        const cookie = [stream.headers?.cookie, client.cookie()].filter(Boolean).join('; ');
        const result = this.send(stream, 1, { ...stream.headers, ...(cookie ? { cookie } : {}) });
        if (result) client.receive(result);
      }
    }
  }

  private send(stream: Stream, count: number, headers: Record<string, string>): BatchResult | undefined {
    let result: BatchResult;
    try {
      result = this.dataPlane.send({
        host: stream.host,
        gateway: stream.gateway,
        namespace: stream.namespace,
        method: stream.method ?? 'GET',
        path: stream.path ?? '/',
        headers,
        source: { workload: stream.source ?? 'mesh-lab-load', namespace: stream.namespace },
        count,
      });
    } catch {
      // A route being rewritten mid-tick (the next tick reads the new one), or a gateway that
      // has gone: nothing was sent.
      return undefined;
    }
    stream.sent += count;
    for (const [code, n] of Object.entries(result.codes)) {
      stream.codes[code] = (stream.codes[code] ?? 0) + n;
    }
    for (const [workload, n] of Object.entries(result.served)) {
      stream.served[workload] = (stream.served[workload] ?? 0) + n;
    }
    return result;
  }
}
