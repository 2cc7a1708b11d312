/**
 * Where a mesh's proxies report requests, per metrics flavour (chooseMeshProvider's `metrics`),
 * with the same metric and label names as the built-in analysis queries (builtinMetricQueries).
 */
interface MeshTelemetry {
  /** Request counter. */
  requests: string;
  /** Latency histogram buckets. */
  buckets: string;
  /** Turns the histogram's unit into milliseconds. */
  toMilliseconds: string;
  /** The label holding the HTTP status code. */
  code: string;
  /** The matchers selecting the namespace's workloads whose names match `workloads` (a regex). */
  selector: (namespace: string, workloads: string) => string;
  /** The label naming the workload; absent when it is derived from the pod name. */
  workloadLabel?: string;
}

const ISTIO: MeshTelemetry = {
  requests: 'istio_requests_total',
  buckets: 'istio_request_duration_milliseconds_bucket',
  toMilliseconds: '',
  code: 'response_code',
  selector: (ns, workloads) =>
    `reporter="destination",destination_workload_namespace="${ns}",destination_workload=~"${workloads}"`,
  workloadLabel: 'destination_workload',
};

const LINKERD: MeshTelemetry = {
  requests: 'response_total',
  buckets: 'response_latency_ms_bucket',
  toMilliseconds: '',
  code: 'status_code',
  selector: (ns, workloads) =>
    `namespace="${ns}",deployment=~"${workloads}",direction="inbound"`,
  workloadLabel: 'deployment',
};

const OSM: MeshTelemetry = {
  requests: 'osm_request_total',
  buckets: 'osm_request_duration_ms_bucket',
  toMilliseconds: '',
  code: 'response_code',
  selector: (ns, workloads) =>
    `destination_namespace="${ns}",destination_kind="Deployment",destination_name=~"${workloads}"`,
  workloadLabel: 'destination_name',
};

/** The names of the pods of the workloads matching `workloads`: `<deployment>-<hash>-<suffix>`. */
const POD_OF = (workloads: string) =>
  `(${workloads})-[0-9a-zA-Z]+-[0-9a-zA-Z]+`;

/**
 * The application's own histogram (podinfo's, Flagger's `kubernetes` built-in), per pod; the
 * workload is the pod name without its ReplicaSet hash and pod suffix.
 */
const APPLICATION: MeshTelemetry = {
  requests: 'http_request_duration_seconds_count',
  buckets: 'http_request_duration_seconds_bucket',
  toMilliseconds: ' * 1000',
  code: 'status',
  selector: (ns, workloads) =>
    `kubernetes_namespace="${ns}",kubernetes_pod_name=~"${POD_OF(workloads)}"`,
};

/**
 * Gateway API implementations report per Service (Envoy clusters), not per workload, so their
 * workloads' health comes from the application's metrics, as Flagger's gatewayapi built-ins do;
 * so does any provider a module adds without telling us its telemetry.
 */
const TELEMETRY: Record<string, MeshTelemetry> = {
  istio: ISTIO,
  linkerd: LINKERD,
  smi: LINKERD,
  osm: OSM,
  kubernetes: APPLICATION,
  gatewayapi: APPLICATION,
};

/** The PromQL of one namespace's workloads' health; every query answers one series per workload. */
export interface MeshHealthQueries {
  /** The label of each answer that names its workload. */
  workloadLabel: string;
  /** Instant, over the window. */
  requestsPerSecond: string;
  errors5xxPerSecond: string;
  errors4xxPerSecond: string;
  p50: string;
  p90: string;
  p99: string;
  /** For range queries (sparklines), each point a rate over `seriesRate`. */
  series: {
    requestsPerSecond: string;
    successRate: string;
    p50: string;
    p99: string;
  };
}

/** A Deployment name as a literal in a PromQL regex (names may hold dots). */
function literal(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
}

/**
 * Builds the health queries of some workloads of one namespace for a metrics flavour: request
 * rate, 5xx and 4xx rates and p50/p90/p99 latency (ms) per workload over `window`, and the
 * sparkline series over `seriesRate`. Namespace and workload names come from the cluster's
 * Deployments (DNS names), the windows from parseHealthWindow, so nothing here is caller text.
 */
export function buildMeshHealthQueries(options: {
  metricsFlavour: string;
  namespace: string;
  workloads: readonly string[];
  window: string;
  seriesRate: string;
}): MeshHealthQueries {
  const telemetry = TELEMETRY[options.metricsFlavour] ?? APPLICATION;
  const workloads = options.workloads.map(literal).join('|');
  const selector = telemetry.selector(options.namespace, workloads);
  const label = telemetry.workloadLabel ?? 'workload';

  // A per-workload sum of a rate; derived workload names come from the pod name.
  const perWorkload = (
    metric: string,
    extra: string,
    range: string,
    by: string[] = [],
  ) => {
    const rate = `rate(${metric}{${selector}${extra}}[${range}])`;
    const grouping = [label, ...by].join(', ');
    if (telemetry.workloadLabel) {
      return `sum by (${grouping}) (${rate})`;
    }
    return `sum by (${grouping}) (label_replace(${rate}, "workload", "$1", "kubernetes_pod_name", "${POD_OF(
      workloads,
    )}"))`;
  };
  const quantile = (q: string, range: string) =>
    `histogram_quantile(${q}, ${perWorkload(telemetry.buckets, '', range, [
      'le',
    ])})${telemetry.toMilliseconds}`;
  const { window, seriesRate } = options;
  const code = (pattern: string) => `,${telemetry.code}=~"${pattern}"`;
  const total = (range: string) => perWorkload(telemetry.requests, '', range);
  const errors5xx = (range: string) =>
    perWorkload(telemetry.requests, code('5..'), range);

  return {
    workloadLabel: label,
    requestsPerSecond: total(window),
    errors5xxPerSecond: errors5xx(window),
    errors4xxPerSecond: perWorkload(telemetry.requests, code('4..'), window),
    p50: quantile('0.5', window),
    p90: quantile('0.9', window),
    p99: quantile('0.99', window),
    series: {
      requestsPerSecond: total(seriesRate),
      // `or total * 0` keeps the points without any 5xx, which the 5xx sum has no series for.
      successRate: `100 * (1 - ((${errors5xx(seriesRate)} or ${total(
        seriesRate,
      )} * 0) / ${total(seriesRate)}))`,
      p50: quantile('0.5', seriesRate),
      p99: quantile('0.99', seriesRate),
    },
  };
}
