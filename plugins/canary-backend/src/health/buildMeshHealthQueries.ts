import type { MeshHealthTelemetry } from '@vane/plugin-canary-node';
import type { MetricsFlavour } from '../meshes/MetricsFlavour';

/** The names of the pods of the workloads matching `workloads`: `<deployment>-<hash>-<suffix>`. */
const POD_OF = (workloads: string) =>
  `(${workloads})-[0-9a-zA-Z]+-[0-9a-zA-Z]+`;

/**
 * The application's own histogram (podinfo's, Flagger's `kubernetes` built-in), per pod; the
 * workload is the pod name without its ReplicaSet hash and pod suffix. Health reads it for every
 * flavour that reports per route or Service rather than per workload (gatewayapi, the ingresses)
 * or has no telemetry at all (a module's provider without it).
 */
const APPLICATION: Omit<MeshHealthTelemetry, 'workloadLabel'> & {
  workloadLabel?: string;
} = {
  requests: 'http_request_duration_seconds_count',
  buckets: 'http_request_duration_seconds_bucket',
  toMilliseconds: ' * 1000',
  code: 'status',
  selector: (ns, workloads) =>
    `kubernetes_namespace="${ns}",kubernetes_pod_name=~"${POD_OF(workloads)}"`,
};

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
 * Whose telemetry names a workload's callers: the flavour's own, or its reason why not (Linkerd);
 * for a flavour without caller labels, the sidecars' (Istio's, where the cluster runs it: they
 * report every request the workload serves, a gateway's included); else none.
 */
function callerTelemetryOf(
  metrics: MetricsFlavour,
  sidecars: MeshHealthTelemetry | undefined,
):
  | {
      telemetry: MeshHealthTelemetry;
      sourceWorkload: string;
      sourceNamespace: string;
      name: string;
    }
  | { unavailable: string } {
  const own = metrics.telemetry?.health;
  const callersOf = (
    telemetry: MeshHealthTelemetry | undefined,
    name: string,
  ) =>
    telemetry?.callers && 'sourceWorkloadLabel' in telemetry.callers
      ? {
          telemetry,
          name,
          sourceWorkload: telemetry.callers.sourceWorkloadLabel,
          sourceNamespace: telemetry.callers.sourceNamespaceLabel,
        }
      : undefined;
  const ownCallers = callersOf(own, metrics.name);
  if (ownCallers) return ownCallers;
  if (own?.callers && 'unavailable' in own.callers) return own.callers;
  const sidecarCallers = callersOf(sidecars, 'istio');
  if (sidecarCallers) return sidecarCallers;
  return {
    unavailable: `callers not available for ${metrics.name}: ${
      own
        ? 'its telemetry names no calling workload'
        : "its health comes from the application's own metrics (http_request_duration_seconds), which name no caller"
    }, and the cluster runs no Istio (networking.istio.io) whose telemetry would`,
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
  metrics: MetricsFlavour;
  namespace: string;
  workloads: readonly string[];
  window: string;
  seriesRate: string;
  /**
   * The health telemetry of Istio's sidecars where the cluster runs Istio: they may name the
   * callers of a flavour whose own telemetry does not (callerTelemetryOf).
   */
  sidecars?: MeshHealthTelemetry;
}): MeshHealthQueries {
  const telemetry = options.metrics.telemetry?.health ?? APPLICATION;
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
      callerTelemetryOf(options.metrics, options.sidecars),
      options.namespace,
      workloads,
      window,
    ),
  };
}

/** Per workload and caller: `sum by (workload, source workload, source namespace)`. */
function buildCallerQueries(
  callers: ReturnType<typeof callerTelemetryOf>,
  namespace: string,
  workloads: string,
  window: string,
): MeshHealthQueries['callers'] {
  if ('unavailable' in callers) return callers;
  const { telemetry, sourceWorkload, sourceNamespace } = callers;
  const selector = telemetry.selector(namespace, workloads);
  const label = telemetry.workloadLabel;
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
