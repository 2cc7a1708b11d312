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

/**
 * Where a mesh's destination-side telemetry names the caller of each request, as Kiali's inbound
 * traffic reads it: the labels of the source workload and its namespace.
 */
interface CallerTelemetry {
  name: string;
  telemetry: MeshTelemetry;
  sourceWorkload: string;
  sourceNamespace: string;
}

const ISTIO_CALLERS: CallerTelemetry = {
  name: 'istio',
  telemetry: ISTIO,
  // The gateway reports as istio-ingressgateway / istio-system; a client outside the mesh as
  // `unknown` / `unknown`.
  sourceWorkload: 'source_workload',
  sourceNamespace: 'source_workload_namespace',
};

const OSM_CALLERS: CallerTelemetry = {
  name: 'osm',
  telemetry: OSM,
  sourceWorkload: 'source_name',
  sourceNamespace: 'source_namespace',
};

/**
 * linkerd-proxy's inbound `response_total` (what health reads) names the client at most by its
 * TLS identity (`client_id`, a service account), never its workload, and the mesh lab exports
 * no client label at all; the calling workload is only on the callers' own outbound metrics
 * (`dst_deployment`), which health does not read. So no caller is ever guessed for Linkerd.
 */
const LINKERD_HAS_NO_CALLERS =
  "callers not available for Linkerd: linkerd-proxy's inbound metrics name no calling workload (at most the client's TLS identity)";

/** The PromQL of the workloads' inbound callers: one series per workload and caller. */
export interface MeshCallerQueries {
  /** Whose telemetry: `istio`, `osm`. */
  telemetry: string;
  /** The labels of each answer naming the called workload, the caller and its namespace. */
  workloadLabel: string;
  sourceWorkloadLabel: string;
  sourceNamespaceLabel: string;
  /** Instant, over the window. */
  requestsPerSecond: string;
  errors5xxPerSecond: string;
  p99: string;
}

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
  /** The inbound callers, or why the mesh's telemetry cannot name them. */
  callers: MeshCallerQueries | { unavailable: string };
}

/** A Deployment name as a literal in a PromQL regex (names may hold dots). */
function literal(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
}

/**
 * Whose telemetry names a flavour's callers: Istio's and OSM's own; none for Linkerd; for the
 * flavours read from the application's histogram (kubernetes, gatewayapi, a module's), Istio's
 * sidecars where the cluster runs Istio (then they report every request the workload serves,
 * the Gateway API gateway's included), else none.
 */
function callerTelemetryOf(
  flavour: string,
  clusterRunsIstio: boolean,
): CallerTelemetry | { unavailable: string } {
  if (flavour === 'istio') return ISTIO_CALLERS;
  if (flavour === 'osm') return OSM_CALLERS;
  if (TELEMETRY[flavour] === LINKERD)
    return { unavailable: LINKERD_HAS_NO_CALLERS };
  if (clusterRunsIstio) return ISTIO_CALLERS;
  return {
    unavailable: `callers not available for ${flavour}: its health comes from the application's own metrics (http_request_duration_seconds), which name no caller, and the cluster runs no Istio (networking.istio.io) whose telemetry would`,
  };
}

/**
 * Builds the health queries of some workloads of one namespace for a metrics flavour: request
 * rate, 5xx and 4xx rates and p50/p90/p99 latency (ms) per workload over `window`, the
 * sparkline series over `seriesRate`, and each workload's callers over `window` (rate, 5xx rate,
 * p99 per caller). Namespace and workload names come from the cluster's Deployments (DNS names),
 * the windows from parseHealthWindow, so nothing here is caller text.
 */
export function buildMeshHealthQueries(options: {
  metricsFlavour: string;
  namespace: string;
  workloads: readonly string[];
  window: string;
  seriesRate: string;
  /** The cluster serves networking.istio.io: Istio's telemetry may name callers (above). */
  clusterRunsIstio?: boolean;
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
    callers: buildCallerQueries(
      callerTelemetryOf(options.metricsFlavour, !!options.clusterRunsIstio),
      options.namespace,
      workloads,
      window,
    ),
  };
}

/** Per workload and caller: `sum by (workload, source workload, source namespace)`. */
function buildCallerQueries(
  callers: CallerTelemetry | { unavailable: string },
  namespace: string,
  workloads: string,
  window: string,
): MeshHealthQueries['callers'] {
  if ('unavailable' in callers) return callers;
  const { telemetry, sourceWorkload, sourceNamespace } = callers;
  const selector = telemetry.selector(namespace, workloads);
  const label = telemetry.workloadLabel!;
  const perCaller = (metric: string, extra: string, by: string[] = []) =>
    `sum by (${[label, sourceWorkload, sourceNamespace, ...by].join(
      ', ',
    )}) (rate(${metric}{${selector}${extra}}[${window}]))`;
  return {
    telemetry: callers.name,
    workloadLabel: label,
    sourceWorkloadLabel: sourceWorkload,
    sourceNamespaceLabel: sourceNamespace,
    requestsPerSecond: perCaller(telemetry.requests, ''),
    errors5xxPerSecond: perCaller(
      telemetry.requests,
      `,${telemetry.code}=~"5.."`,
    ),
    p99: `histogram_quantile(0.99, ${perCaller(telemetry.buckets, '', [
      'le',
    ])})${telemetry.toMilliseconds}`,
  };
}
