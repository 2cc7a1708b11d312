import { Counter, Histogram, Registry } from 'prom-client';
import type { ServedRequest } from '../../MeshMetrics';
import { INGRESS_NGINX_CONTROLLER } from './resolveAtIngressNginx';

// ingress-nginx's socket collector: the request labels, then `host` (--metrics-per-host, on by
// default) and the constant labels of the controller (internal/ingress/metric/collectors/socket.go).
const LABELS = [
  'status', 'method', 'path', 'namespace', 'ingress', 'service', 'canary', 'host',
  'controller_namespace', 'controller_class', 'controller_pod',
] as const;
// prometheus.DefBuckets, the controller's default --time-buckets.
const TIME_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * What the ingress-nginx controller reports of the requests it proxies, with its names and
 * labels: `nginx_ingress_controller_requests` and the `request_duration_seconds` /
 * `response_duration_seconds` histograms (Flagger's nginx queries read the requests and the
 * response duration's sum and count). Only requests an Ingress location carried (`nginx` on the
 * served request) are reported, whatever they answered, a 503 without endpoints included.
 */
export class IngressNginxMetrics {
  private readonly requests: Counter<(typeof LABELS)[number]>;
  private readonly requestDuration: Histogram<(typeof LABELS)[number]>;
  private readonly responseDuration: Histogram<(typeof LABELS)[number]>;

  constructor(registry: Registry) {
    const common = { labelNames: LABELS, registers: [registry] };
    this.requests = new Counter({ name: 'nginx_ingress_controller_requests', help: 'The total number of client requests', ...common });
    this.requestDuration = new Histogram({
      name: 'nginx_ingress_controller_request_duration_seconds', help: 'The request processing time in milliseconds', buckets: TIME_BUCKETS, ...common,
    });
    this.responseDuration = new Histogram({
      name: 'nginx_ingress_controller_response_duration_seconds', help: 'The time spent on receiving the response from the upstream server', buckets: TIME_BUCKETS, ...common,
    });
  }

  /** The recorder of one kind of request, or undefined when no Ingress location carried it. */
  bind(r: ServedRequest): ((latencyMs: number) => void) | undefined {
    if (!r.nginx) return undefined;
    const labels = {
      status: String(r.code),
      method: r.method.toUpperCase(),
      path: r.nginx.path,
      namespace: r.nginx.namespace,
      ingress: r.nginx.ingress,
      service: r.nginx.service,
      canary: r.nginx.canary,
      host: r.authority,
      controller_namespace: r.source.namespace,
      controller_class: INGRESS_NGINX_CONTROLLER,
      controller_pod: r.source.pod ?? r.source.workload,
    };
    const requests = this.requests.labels(labels);
    const requestDuration = this.requestDuration.labels(labels);
    const responseDuration = this.responseDuration.labels(labels);
    return ms => {
      requests.inc();
      requestDuration.observe(ms / 1000);
      responseDuration.observe(ms / 1000);
    };
  }
}
