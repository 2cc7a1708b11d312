import { Counter, Histogram, Registry } from 'prom-client';
import { TraefikMetrics } from './meshes/traefik/TraefikMetrics';
import { APPMESH_ENVOY_LABELS, appMeshEnvoyLabels } from './meshes/appmesh/appMeshEnvoyLabels';
import { KUMA_ENVOY_LABELS, kumaEnvoyLabels } from './meshes/kuma/kumaEnvoyLabels';
import { ConsulEnvoyMetrics } from './meshes/consul/ConsulEnvoyMetrics';
import { IngressNginxMetrics } from './meshes/nginx/IngressNginxMetrics';
import type { NginxLocationLabels } from './meshes/nginx/resolveAtIngressNginx';

/** Everything the meshes' telemetry knows about one served request. */
export interface ServedRequest {
  /** Who sent it; `pod`: the gateway pod that proxied it (north-south), where its metrics name it. */
  source: { workload: string; namespace: string; pod?: string };
  /** The Service the client addressed (the apex), e.g. podinfo.test.svc.cluster.local. */
  authority: string;
  /** The Service the route sent the request to, e.g. podinfo-canary. */
  destination: {
    service: string;
    namespace: string;
    port: number;
    /** Undefined when no ready pod backed the Service (503, no healthy upstream). */
    workload?: string;
    pod?: string;
    podTemplateHash?: string;
    app?: string;
    version?: string;
  };
  code: number;
  latencyMs: number;
  method: string;
  /** podinfo's route label (root, status, delay, ...). */
  route: string;
  /** The Envoy cluster the routing proxy names the destination, when not Contour's (Gloo's upstream cluster). */
  envoyCluster?: string;
  /** The service Traefik reports the destination as, when Traefik routed the request. */
  traefikService?: string;
  /** The ingress-nginx location that carried it (north-south through ingress-nginx). */
  nginx?: NginxLocationLabels;
}

/**
 * A mesh's telemetry kept in a registry of its own, because its metric names are another mesh's
 * too (Envoy's stats, with other labels): the data plane's /metrics serves every registry.
 */
export interface RequestRecorder {
  readonly registry: Registry;
  record(r: ServedRequest): void;
}

// Bucket boundaries as each proxy ships them, so histogram_quantile answers match a real mesh.
const ISTIO_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];
const LINKERD_BUCKETS = [1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000, 40000, 50000];
const PODINFO_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const ISTIO_LABELS = [
  'reporter', 'source_workload', 'source_workload_namespace', 'source_app', 'source_version',
  'source_canonical_service', 'source_principal', 'destination_workload', 'destination_workload_namespace',
  'destination_app', 'destination_version', 'destination_canonical_service', 'destination_principal',
  'destination_service', 'destination_service_name', 'destination_service_namespace',
  'destination_cluster', 'source_cluster', 'request_protocol', 'response_code', 'grpc_response_status',
  'response_flags', 'connection_security_policy',
] as const;
/**
 * Envoy's cluster stats, as each mesh built on Envoy labels them: Envoy's cluster name, and what
 * each mesh's Prometheus adds (one series per mesh for a request; each series has its mesh's labels only).
 */
const ENVOY_LABELS = ['envoy_cluster_name', ...APPMESH_ENVOY_LABELS, ...KUMA_ENVOY_LABELS] as const;
const LINKERD_LABELS = [
  'direction', 'namespace', 'deployment', 'pod', 'pod_template_hash', 'authority', 'target_addr',
  'tls', 'status_code', 'classification', 'control_plane_ns',
] as const;

interface Children {
  observe(latencyMs: number): void;
}

/**
 * The request telemetry of every mesh the lab imitates, with their real names and labels:
 * Istio's standard metrics, Linkerd's proxy metrics, Envoy's cluster stats (Gateway API
 * implementations, Contour; Gloo's, named after its Upstreams; App Mesh's and Kuma's sidecars
 * with their meshes' labels), Traefik's service metrics for the requests Traefik routed,
 * ingress-nginx's controller metrics (IngressNginxMetrics) and podinfo's own
 * http_request_duration_seconds (which Flagger's built-in `kubernetes` and `gatewayapi` queries
 * read); through `recorders`, Consul's sidecars'.
 */
export class MeshMetrics {
  readonly registry = new Registry();
  private readonly istioRequests = new Counter({
    name: 'istio_requests_total', help: 'Requests processed by an Istio proxy', labelNames: ISTIO_LABELS, registers: [this.registry],
  });
  private readonly istioDuration = new Histogram({
    name: 'istio_request_duration_milliseconds', help: 'Request duration seen by an Istio proxy', labelNames: ISTIO_LABELS, buckets: ISTIO_BUCKETS, registers: [this.registry],
  });
  private readonly linkerdResponses = new Counter({
    name: 'response_total', help: 'Total count of HTTP responses (linkerd-proxy)', labelNames: LINKERD_LABELS, registers: [this.registry],
  });
  private readonly linkerdLatency = new Histogram({
    name: 'response_latency_ms', help: 'Elapsed times between a request being received and its response (linkerd-proxy)',
    labelNames: LINKERD_LABELS.filter(l => l !== 'classification'), buckets: LINKERD_BUCKETS, registers: [this.registry],
  });
  private readonly envoyUpstreamRq = new Counter({
    name: 'envoy_cluster_upstream_rq', help: 'Upstream requests by response code (Envoy cluster stats)',
    labelNames: [...ENVOY_LABELS, 'envoy_response_code', 'envoy_response_code_class'], registers: [this.registry],
  });
  private readonly envoyUpstreamRqTotal = new Counter({
    name: 'envoy_cluster_upstream_rq_total', help: 'Total upstream requests (Envoy cluster stats)',
    labelNames: ENVOY_LABELS, registers: [this.registry],
  });
  private readonly envoyUpstreamRqTime = new Histogram({
    name: 'envoy_cluster_upstream_rq_time', help: 'Upstream request time in ms (Envoy cluster stats)',
    labelNames: ENVOY_LABELS, buckets: ISTIO_BUCKETS, registers: [this.registry],
  });
  private readonly podinfoDuration = new Histogram({
    name: 'http_request_duration_seconds', help: 'The latency of the HTTP requests (podinfo)',
    labelNames: ['kubernetes_namespace', 'kubernetes_pod_name', 'method', 'path', 'status'], buckets: PODINFO_BUCKETS, registers: [this.registry],
  });

  private readonly traefik = new TraefikMetrics(this.registry);
  /** The meshes whose series share names with those above. */
  readonly recorders: readonly RequestRecorder[] = [new ConsulEnvoyMetrics()];
  private readonly ingressNginx = new IngressNginxMetrics(this.registry);

  // prom-client hashes label objects on every call; a request stream has few distinct label
  // sets, so the bound children are cached by a cheap key.
  private readonly children = new Map<string, Children>();

  /** Every registry's series as one scrape (Prometheus takes a metric family given in parts). */
  async exposition(): Promise<string> {
    const parts = [await this.registry.metrics()];
    for (const recorder of this.recorders) parts.push(await recorder.registry.metrics());
    return parts.join('\n');
  }

  record(r: ServedRequest): void {
    for (const recorder of this.recorders) recorder.record(r);
    const d = r.destination;
    const key = `${r.source.namespace}|${r.source.workload}|${r.authority}|${d.namespace}|${d.service}|${d.port}|${d.pod ?? ''}|${r.code}|${r.method}|${r.route}|${r.envoyCluster ?? ''}|${r.traefikService ?? ''}|${r.source.pod ?? ''}|${nginxKey(r.nginx)}`;
    let children = this.children.get(key);
    if (!children) {
      children = this.bind(r);
      this.children.set(key, children);
    }
    children.observe(r.latencyMs);
  }

  private bind(r: ServedRequest): Children {
    const d = r.destination;
    const code = String(r.code);
    const serviceFqdn = `${d.service}.${d.namespace}.svc.cluster.local`;
    const bound: Array<(ms: number) => void> = [];
    const nginx = this.ingressNginx.bind(r);
    if (nginx) bound.push(nginx);

    const istio = (reporter: 'source' | 'destination') => {
      const labels: Record<(typeof ISTIO_LABELS)[number], string> = {
        reporter,
        source_workload: r.source.workload,
        source_workload_namespace: r.source.namespace,
        source_app: r.source.workload,
        source_version: 'unknown',
        source_canonical_service: r.source.workload,
        source_principal: `spiffe://cluster.local/ns/${r.source.namespace}/sa/default`,
        destination_workload: d.workload ?? 'unknown',
        destination_workload_namespace: d.workload ? d.namespace : 'unknown',
        destination_app: d.app ?? 'unknown',
        destination_version: d.version ?? 'unknown',
        destination_canonical_service: d.app ?? d.workload ?? 'unknown',
        destination_principal: d.workload ? `spiffe://cluster.local/ns/${d.namespace}/sa/default` : 'unknown',
        destination_service: serviceFqdn,
        destination_service_name: d.service,
        destination_service_namespace: d.namespace,
        destination_cluster: 'Kubernetes',
        source_cluster: 'Kubernetes',
        request_protocol: 'http',
        response_code: code,
        grpc_response_status: '',
        response_flags: d.workload ? '-' : 'UH',
        connection_security_policy: reporter === 'destination' ? 'mutual_tls' : 'unknown',
      };
      const counter = this.istioRequests.labels(labels);
      const histogram = this.istioDuration.labels(labels);
      bound.push(ms => {
        counter.inc();
        histogram.observe(ms);
      });
    };
    istio('source');
    // Traefik reports every answer of a service, its own 503 without a Ready pod too.
    if (r.traefikService) bound.push(this.traefik.bind(r.traefikService, r.code, r.method));

    if (d.workload && d.pod) {
      istio('destination');
      const linkerd = {
        direction: 'inbound',
        namespace: d.namespace,
        deployment: d.workload,
        pod: d.pod,
        pod_template_hash: d.podTemplateHash ?? '',
        authority: `${r.authority}:${d.port}`,
        target_addr: `0.0.0.0:${d.port}`,
        tls: 'true',
        status_code: code,
        control_plane_ns: 'linkerd',
      };
      const responses = this.linkerdResponses.labels({
        ...linkerd,
        classification: r.code >= 500 ? 'failure' : 'success',
      });
      const latency = this.linkerdLatency.labels(linkerd);
      const podinfo = this.podinfoDuration.labels({
        kubernetes_namespace: d.namespace,
        kubernetes_pod_name: d.pod,
        method: r.method.toUpperCase(),
        path: r.route,
        status: code,
      });
      bound.push(ms => {
        responses.inc();
        latency.observe(ms);
        podinfo.observe(ms / 1000);
      });

      // Contour/Envoy name an upstream cluster namespace_service_port, Gloo after its Upstream;
      // the sidecar meshes report the request on the serving pod's inbound cluster.
      const envoySeries = [
        { envoy_cluster_name: r.envoyCluster ?? `${d.namespace}_${d.service}_${d.port}` },
        appMeshEnvoyLabels(r),
        kumaEnvoyLabels(r),
      ];
      for (const labels of envoySeries) {
        if (!labels) continue;
        const rq = this.envoyUpstreamRq.labels({
          ...labels,
          envoy_response_code: code,
          envoy_response_code_class: `${code[0]}xx`,
        });
        const rqTotal = this.envoyUpstreamRqTotal.labels(labels);
        const rqTime = this.envoyUpstreamRqTime.labels(labels);
        bound.push(ms => {
          rq.inc();
          rqTotal.inc();
          rqTime.observe(ms);
        });
      }
    }
    return {
      observe(ms: number) {
        for (const f of bound) f(ms);
      },
    };
  }
}

function nginxKey(labels: NginxLocationLabels | undefined): string {
  return labels ? `${labels.namespace}|${labels.ingress}|${labels.service}|${labels.path}|${labels.canary}` : '';
}
