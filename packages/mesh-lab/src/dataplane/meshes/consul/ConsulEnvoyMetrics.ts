import { Counter, Histogram, Registry } from 'prom-client';
import type { RequestRecorder, ServedRequest } from '../../MeshMetrics';

/** The lab's Consul datacenter and trust domain (Consul generates the domain as a UUID). */
const DATACENTER = 'dc1';
const TRUST_DOMAIN = '5d8c1f30-4c4e-6a2b-9e70-1ab2c3d4e5f6';
/** Consul CE has one namespace and one partition: every Kubernetes namespace's services are in it. */
const CONSUL_NAMESPACE = 'default';
const PARTITION = 'default';
/** Envoy's default histogram buckets, in ms. */
const ENVOY_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

/** The tags Consul's Envoy bootstrap puts on every stat of a sidecar: its own service (consul.source.*). */
const SOURCE_LABELS = ['local_cluster', 'consul_source_service', 'consul_source_namespace', 'consul_source_partition', 'consul_source_datacenter'] as const;
/** The tags Consul extracts from an upstream cluster's name (consul.destination.*). */
const DESTINATION_LABELS = [
  'consul_destination_service', 'consul_destination_namespace', 'consul_destination_datacenter', 'consul_destination_routing_type',
  'consul_destination_trust_domain', 'consul_destination_target', 'consul_destination_full_target',
] as const;
/** What Prometheus' pod scrape adds to the series of the pod it scraped (consul-dataplane's merged metrics port). */
const TARGET_LABELS = ['kubernetes_namespace', 'kubernetes_pod_name'] as const;
const CLUSTER_LABELS = ['envoy_cluster_name', ...SOURCE_LABELS, ...DESTINATION_LABELS];
const LISTENER_LABELS = ['envoy_http_conn_manager_prefix', ...SOURCE_LABELS, ...TARGET_LABELS];

type Labels = Record<string, string>;

interface Bound {
  observe(latencyMs: number): void;
}

/** A sidecar's own tags: the Consul service it fronts. */
function sourceOf(service: string): Labels {
  return {
    local_cluster: service,
    consul_source_service: service,
    consul_source_namespace: CONSUL_NAMESPACE,
    consul_source_partition: PARTITION,
    consul_source_datacenter: DATACENTER,
  };
}

/**
 * The Envoy stats of Consul's sidecars (consul-dataplane) for each simulated request, with the
 * tags Consul's Envoy bootstrap defines (command/connect/envoy/bootstrap_config.go):
 * - the caller's sidecar, on the upstream cluster it sent the request to, named by the target's
 *   SNI `<service>.default.dc1.internal.<trust domain>.consul`, from which Consul's tag regexes
 *   take `consul_destination_*` and Envoy's default cluster-name tag the first segment
 *   (`envoy_cluster_name="<service>"`): `envoy_cluster_upstream_rq{envoy_response_code}`,
 *   `envoy_cluster_upstream_rq_xx{envoy_response_code_class="2"|"5"}`, `_total`, `_completed`,
 *   `envoy_cluster_upstream_rq_time_bucket`; every request, an answer no pod gave (503) too;
 * - the serving pod's sidecar, on its public listener (`envoy_http_downstream_rq_xx`, `_total`,
 *   `_completed`, `_time_bucket` with `envoy_http_conn_manager_prefix="public_listener"`), with
 *   the pod's scrape labels (`kubernetes_namespace`, `kubernetes_pod_name`), and on its cluster to
 *   the application (`envoy_cluster_name="local_app"`). That cluster's series go without the
 *   pod's labels, though a pod scrape adds them to every series: the lab's proxies report every
 *   mesh's telemetry at once, and App Mesh's queries select Envoy's cluster stats by pod alone.
 * Each sidecar's series carry its own service as `local_cluster` and `consul_source_*`; the
 * service is the Kubernetes Service the request was sent to, as consul-k8s names it. In a
 * registry of its own: Contour's Envoy stats have the same names with other labels.
 */
export class ConsulEnvoyMetrics implements RequestRecorder {
  readonly registry = new Registry();
  private readonly clusterRq = new Counter({
    name: 'envoy_cluster_upstream_rq', help: 'Upstream requests by response code (Consul sidecar)',
    labelNames: [...CLUSTER_LABELS, 'envoy_response_code'], registers: [this.registry],
  });
  private readonly clusterRqXx = new Counter({
    name: 'envoy_cluster_upstream_rq_xx', help: 'Upstream requests by response code class (Consul sidecar)',
    labelNames: [...CLUSTER_LABELS, 'envoy_response_code_class'], registers: [this.registry],
  });
  private readonly clusterRqTotal = new Counter({
    name: 'envoy_cluster_upstream_rq_total', help: 'Total upstream requests (Consul sidecar)', labelNames: CLUSTER_LABELS, registers: [this.registry],
  });
  private readonly clusterRqCompleted = new Counter({
    name: 'envoy_cluster_upstream_rq_completed', help: 'Completed upstream requests (Consul sidecar)', labelNames: CLUSTER_LABELS, registers: [this.registry],
  });
  private readonly clusterRqTime = new Histogram({
    name: 'envoy_cluster_upstream_rq_time', help: 'Upstream request time in ms (Consul sidecar)', labelNames: CLUSTER_LABELS, buckets: ENVOY_BUCKETS, registers: [this.registry],
  });
  private readonly listenerRqXx = new Counter({
    name: 'envoy_http_downstream_rq_xx', help: 'Downstream requests by response code class (Consul sidecar)',
    labelNames: [...LISTENER_LABELS, 'envoy_response_code_class'], registers: [this.registry],
  });
  private readonly listenerRqTotal = new Counter({
    name: 'envoy_http_downstream_rq_total', help: 'Total downstream requests (Consul sidecar)', labelNames: LISTENER_LABELS, registers: [this.registry],
  });
  private readonly listenerRqCompleted = new Counter({
    name: 'envoy_http_downstream_rq_completed', help: 'Completed downstream requests (Consul sidecar)', labelNames: LISTENER_LABELS, registers: [this.registry],
  });
  private readonly listenerRqTime = new Histogram({
    name: 'envoy_http_downstream_rq_time', help: 'Downstream request time in ms (Consul sidecar)', labelNames: LISTENER_LABELS, buckets: ENVOY_BUCKETS, registers: [this.registry],
  });

  // Bound children by a cheap key, as MeshMetrics does: prom-client hashes label objects per call.
  private readonly children = new Map<string, Bound>();

  record(r: ServedRequest): void {
    const d = r.destination;
    const key = `${r.source.workload}|${d.namespace}|${d.service}|${d.pod ?? ''}|${r.code}`;
    let bound = this.children.get(key);
    if (!bound) {
      bound = this.bind(r);
      this.children.set(key, bound);
    }
    bound.observe(r.latencyMs);
  }

  private bind(r: ServedRequest): Bound {
    const d = r.destination;
    const code = String(r.code);
    const codeClass = code[0];
    const observers: Array<(ms: number) => void> = [];
    const cluster = (labels: Labels) => {
      const rq = this.clusterRq.labels({ ...labels, envoy_response_code: code });
      const xx = this.clusterRqXx.labels({ ...labels, envoy_response_code_class: codeClass });
      const total = this.clusterRqTotal.labels(labels);
      const completed = this.clusterRqCompleted.labels(labels);
      const time = this.clusterRqTime.labels(labels);
      observers.push(ms => {
        rq.inc();
        xx.inc();
        total.inc();
        completed.inc();
        time.observe(ms);
      });
    };

    const target = `${d.service}.${CONSUL_NAMESPACE}.${DATACENTER}`;
    cluster({
      envoy_cluster_name: d.service,
      ...sourceOf(r.source.workload),
      consul_destination_service: d.service,
      consul_destination_namespace: CONSUL_NAMESPACE,
      consul_destination_datacenter: DATACENTER,
      consul_destination_routing_type: 'internal',
      consul_destination_trust_domain: TRUST_DOMAIN,
      consul_destination_target: target,
      consul_destination_full_target: `${target}.internal.${TRUST_DOMAIN}`,
    });

    if (d.workload && d.pod) {
      const serving = sourceOf(d.service);
      cluster({ envoy_cluster_name: 'local_app', ...serving });
      const listener = {
        envoy_http_conn_manager_prefix: 'public_listener',
        ...serving,
        kubernetes_namespace: d.namespace,
        kubernetes_pod_name: d.pod,
      };
      const xx = this.listenerRqXx.labels({ ...listener, envoy_response_code_class: codeClass });
      const total = this.listenerRqTotal.labels(listener);
      const completed = this.listenerRqCompleted.labels(listener);
      const time = this.listenerRqTime.labels(listener);
      observers.push(ms => {
        xx.inc();
        total.inc();
        completed.inc();
        time.observe(ms);
      });
    }
    return {
      observe(ms: number) {
        for (const observe of observers) observe(ms);
      },
    };
  }
}
