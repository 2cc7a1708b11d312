import type {
  MeshHealthThresholds,
  MetricSeries,
  WorkloadHealth,
} from '@vane/plugin-canary-common';
import type { NoData } from '@vane/plugin-canary-node';
import { chooseStepSeconds } from '../analysis/chooseStepSeconds';
import { metricsFlavourOf } from '../analysis/metricsFlavourOf';
import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import type {
  LabelledSample,
  LabelledSeries,
} from '../metrics/PrometheusMetricProvider';
import type { RolloutCluster } from '../readModel/RolloutCluster';
import { isNoData } from '../metrics/isNoData';
import { buildMeshHealthQueries } from './buildMeshHealthQueries';
import {
  type CallerAnswers,
  collectWorkloadCallers,
} from './collectWorkloadCallers';
import type { EntityWorkload } from './findEntityWorkloads';
import { type GatewayObjects, isGatewayCaller } from './isGatewayCaller';
import { judgeWorkloadHealth } from './judgeWorkloadHealth';
import type { HealthWindow } from './parseHealthWindow';

/** Points of a sparkline. */
const SPARKLINE_POINTS = 60;

/**
 * Measures the mesh health of an entity's workloads in their clusters' Prometheus: one set of
 * queries per cluster, namespace and metrics flavour (each answers one series per workload, so an
 * entity costs a handful of queries, not a handful per workload), then the status of each.
 * Each workload's inbound callers come from three more queries of the group (collectWorkloadCallers).
 * Never rejects: a cluster without Prometheus, or a Prometheus that does not answer, makes its
 * workloads `unknown` with the reason, their callers `unavailable`, and an error entry.
 */
export async function readEntityHealth(options: {
  workloads: readonly EntityWorkload[];
  clusters: readonly RolloutCluster[];
  window: HealthWindow;
  thresholds: MeshHealthThresholds;
  now: Date;
}): Promise<{
  items: WorkloadHealth[];
  errors: Array<{ cluster?: string; message: string }>;
}> {
  const { window, thresholds, now } = options;
  const clusters = new Map(options.clusters.map(c => [c.config.name, c]));
  const groups = new Map<
    string,
    {
      cluster: RolloutCluster;
      namespace: string;
      flavour: MetricsFlavour;
      workloads: EntityWorkload[];
    }
  >();
  for (const workload of options.workloads) {
    const cluster = clusters.get(workload.cluster);
    if (!cluster) continue;
    const flavour = metricsFlavourOf(cluster, workload.canaryProvider);
    const key = `${workload.cluster}/${workload.namespace}/${flavour.name}`;
    const group = groups.get(key) ?? {
      cluster,
      namespace: workload.namespace,
      flavour,
      workloads: [],
    };
    group.workloads.push(workload);
    groups.set(key, group);
  }

  const stepSeconds = chooseStepSeconds(window.seconds, SPARKLINE_POINTS);
  // Each sparkline point is a rate over a few scrapes at least, so sparse scrapes leave no gaps.
  const seriesRate = `${Math.max(2 * stepSeconds, 60)}s`;
  const range = {
    start: new Date(now.getTime() - window.seconds * 1000),
    end: now,
    stepSeconds,
  };
  const errors = new Map<string, { cluster?: string; message: string }>();
  const measured = await Promise.all(
    [...groups.values()].map(async group => {
      const name = group.cluster.config.name;
      const prometheus = group.cluster.prometheus;
      const queries = buildMeshHealthQueries({
        metrics: group.flavour,
        namespace: group.namespace,
        workloads: group.workloads.map(w => w.workload),
        window: window.text,
        seriesRate,
        sidecars: istioSidecarsOf(group.cluster),
      });
      const isGateway = gatewaysOf(group.cluster);
      const callersOf = (
        workload: EntityWorkload,
        answers: CallerAnswers | undefined,
        workloadRequestsPerSecond?: number,
      ) =>
        collectWorkloadCallers({
          workload: workload.workload,
          queries: queries.callers,
          answers,
          workloadRequestsPerSecond,
          window: window.text,
          isGateway,
        });
      const fail = (message: string) => {
        errors.set(message, { cluster: name, message });
        // The callers say the same, unless the mesh could not name them anyway.
        const failedAnswer = { noData: true as const, reason: message };
        return group.workloads.map(workload => ({
          ...healthOf(workload, { unavailable: message }, thresholds, window),
          callers: callersOf(workload, {
            requestsPerSecond: failedAnswer,
            errors5xxPerSecond: failedAnswer,
            p99: failedAnswer,
          }),
        }));
      };
      if (!prometheus) {
        return fail(
          `Cluster ${name} has no Prometheus configured (canary.clusters[].prometheus.url); its workloads' health is unknown`,
        );
      }
      const callerQueries = queries.callers;
      const askCallers = async (): Promise<CallerAnswers | undefined> => {
        if ('unavailable' in callerQueries) return undefined;
        const [requestsPerSecond, errors5xxPerSecond, p99] = await Promise.all([
          prometheus.queryVector(callerQueries.requestsPerSecond),
          prometheus.queryVector(callerQueries.errors5xxPerSecond),
          prometheus.queryVector(callerQueries.p99),
        ]);
        return { requestsPerSecond, errors5xxPerSecond, p99 };
      };
      const [rps, e5, e4, p50, p90, p99, callerAnswers, ...series] =
        await Promise.all([
          prometheus.queryVector(queries.requestsPerSecond),
          prometheus.queryVector(queries.errors5xxPerSecond),
          prometheus.queryVector(queries.errors4xxPerSecond),
          prometheus.queryVector(queries.p50),
          prometheus.queryVector(queries.p90),
          prometheus.queryVector(queries.p99),
          askCallers(),
          prometheus.queryRange(queries.series.requestsPerSecond, range),
          prometheus.queryRange(queries.series.successRate, range),
          prometheus.queryRange(queries.series.p50, range),
          prometheus.queryRange(queries.series.p99, range),
        ]);
      // Without the request and error rates there is no status; latency alone may be missing.
      const failed = [rps, e5, e4].find(isNoData);
      if (failed) {
        return fail(`Cluster ${name}: ${failed.reason}`);
      }
      const label = queries.workloadLabel;
      return group.workloads.map(workload => {
        const value = (samples: LabelledSample[] | NoData) =>
          isNoData(samples)
            ? undefined
            : samples.find(s => s.labels[label] === workload.workload)?.value;
        const points = (result: LabelledSeries[] | NoData): MetricSeries =>
          isNoData(result)
            ? []
            : result.find(s => s.labels[label] === workload.workload)?.values ??
              [];
        const requestsPerSecond = value(rps);
        const share = (errorsPerSecond?: number) =>
          requestsPerSecond
            ? ((errorsPerSecond ?? 0) / requestsPerSecond) * 100
            : 0;
        const health = healthOf(
          workload,
          {
            requestsPerSecond,
            errorRate5xx: share(value(e5)),
            errorRate4xx: share(value(e4)),
          },
          thresholds,
          window,
        );
        return {
          ...health,
          latency: {
            ...optional('p50', value(p50)),
            ...optional('p90', value(p90)),
            ...optional('p99', value(p99)),
          },
          series: {
            requestsPerSecond: points(series[0]),
            successRate: points(series[1]),
            p50: points(series[2]),
            p99: points(series[3]),
          },
          callers: callersOf(workload, callerAnswers, requestsPerSecond),
        };
      });
    }),
  );
  return { items: measured.flat(), errors: [...errors.values()] };
}

/** Which callers are gateways, by the cluster's Deployments and Services (isGatewayCaller). */
function gatewaysOf(cluster: RolloutCluster) {
  const objects = {
    deployments: cluster.cache.list('apps/v1', 'Deployment'),
    services: cluster.cache.list('v1', 'Service'),
  } as GatewayObjects;
  return (caller: { workload: string; namespace: string }) =>
    isGatewayCaller(caller, objects);
}

function optional<K extends string>(key: K, value: number | undefined) {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** A workload's health from its measurement; latency and series are added by the caller. */
function healthOf(
  workload: EntityWorkload,
  measurement: Parameters<typeof judgeWorkloadHealth>[0],
  thresholds: MeshHealthThresholds,
  window: HealthWindow,
): WorkloadHealth {
  const judgement = judgeWorkloadHealth(measurement, thresholds, window.text);
  const measured = 'unavailable' in measurement ? undefined : measurement;
  const requestsPerSecond =
    measured?.requestsPerSecond ?? (measured ? 0 : undefined);
  const hasTraffic = !!measured?.requestsPerSecond;
  return {
    cluster: workload.cluster,
    namespace: workload.namespace,
    workload: workload.workload,
    role: workload.role,
    ...(workload.canary ? { canary: workload.canary } : {}),
    status: judgement.status,
    reason: judgement.reason,
    ...(requestsPerSecond !== undefined ? { requestsPerSecond } : {}),
    ...(hasTraffic
      ? {
          successRate: 100 - measured!.errorRate5xx,
          errorRate5xx: measured!.errorRate5xx,
          errorRate4xx: measured!.errorRate4xx,
        }
      : {}),
    latency: {},
    series: { requestsPerSecond: [], successRate: [], p50: [], p99: [] },
  };
}

/**
 * Istio's health telemetry where the cluster runs Istio: its sidecars report every request a
 * workload serves, so they name the callers of workloads routed by another provider too.
 */
function istioSidecarsOf(cluster: RolloutCluster) {
  try {
    return cluster.meshes.choose({
      specProvider: 'istio',
      apiGroups: cluster.cache.apiGroups,
      clusterName: cluster.config.name,
    }).metrics.telemetry?.health;
  } catch {
    return undefined;
  }
}
