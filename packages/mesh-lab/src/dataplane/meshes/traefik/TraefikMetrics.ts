import { Counter, Histogram, Registry } from 'prom-client';

// Traefik's default buckets for its request duration histograms, in seconds.
const TRAEFIK_BUCKETS = [0.1, 0.3, 1.2, 5];
const LABELS = ['code', 'method', 'protocol', 'service'] as const;

/**
 * Traefik's service metrics (its Prometheus exporter, `addServicesLabels`), with their real
 * names and labels: `traefik_service_requests_total` and
 * `traefik_service_request_duration_seconds`, per service as Traefik names it.
 */
export class TraefikMetrics {
  private readonly requests: Counter<(typeof LABELS)[number]>;
  private readonly duration: Histogram<(typeof LABELS)[number]>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'traefik_service_requests_total',
      help: 'How many HTTP requests processed on a service, partitioned by status code, protocol, and method (Traefik)',
      labelNames: LABELS,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'traefik_service_request_duration_seconds',
      help: 'How long it took to process the request on a service, partitioned by status code, protocol, and method (Traefik)',
      labelNames: LABELS,
      buckets: TRAEFIK_BUCKETS,
      registers: [registry],
    });
  }

  /** Records one answer of `service` per call of the returned function, with its latency. */
  bind(service: string, code: number, method: string): (latencyMs: number) => void {
    const labels = { code: String(code), method: method.toUpperCase(), protocol: 'http', service };
    const requests = this.requests.labels(labels);
    const duration = this.duration.labels(labels);
    return latencyMs => {
      requests.inc();
      duration.observe(latencyMs / 1000);
    };
  }
}
