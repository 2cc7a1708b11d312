import type { MeshCaller, WorkloadCallers } from '@vane/plugin-canary-common';
import type { NoData } from '@vane/plugin-canary-node';
import { isNoData } from '../metrics/isNoData';
import type { LabelledSample } from '../metrics/PrometheusMetricProvider';
import type { MeshCallerQueries } from './buildMeshHealthQueries';

/** The most callers listed per workload; the rest are counted in `leftOut`. */
export const CALLER_LIMIT = 10;

/** What Prometheus answered to the caller queries of one namespace's workloads. */
export interface CallerAnswers {
  requestsPerSecond: LabelledSample[] | NoData;
  errors5xxPerSecond: LabelledSample[] | NoData;
  p99: LabelledSample[] | NoData;
}

/**
 * One workload's inbound callers from the answers to its namespace's caller queries
 * (buildMeshHealthQueries): those that sent it requests in the window, busiest first, at most
 * `limit`. A caller exists only where the mesh reported a rate above zero for it: no traffic
 * is no caller, a query without an answer makes the callers `unavailable` with the reason, and
 * a workload that served requests none of whose callers the telemetry names says so.
 */
export function collectWorkloadCallers(options: {
  workload: string;
  queries: MeshCallerQueries | { unavailable: string };
  answers?: CallerAnswers;
  /** The workload's own request rate in the window, by health's telemetry. */
  workloadRequestsPerSecond?: number;
  window: string;
  isGateway: (caller: { workload: string; namespace: string }) => boolean;
  limit?: number;
}): WorkloadCallers {
  const { queries, answers, window } = options;
  const limit = options.limit ?? CALLER_LIMIT;
  const unavailable = (reason: string): WorkloadCallers => ({
    status: 'unavailable',
    items: [],
    limit,
    leftOut: 0,
    reason,
  });
  if ('unavailable' in queries) return unavailable(queries.unavailable);
  if (!answers) return unavailable('callers unknown: Prometheus was not asked');
  // Without the error rate a caller's success rate would be a guess: no list rather than 100%.
  for (const answer of [
    answers.requestsPerSecond,
    answers.errors5xxPerSecond,
  ]) {
    if (isNoData(answer))
      return unavailable(`callers unknown: ${answer.reason}`);
  }

  const mine = (samples: LabelledSample[] | NoData) =>
    isNoData(samples)
      ? []
      : samples.filter(
          s => s.labels[queries.workloadLabel] === options.workload,
        );
  const keyOf = (labels: Record<string, string>) =>
    `${labels[queries.sourceNamespaceLabel] ?? ''}/${
      labels[queries.sourceWorkloadLabel] ?? ''
    }`;
  const byCaller = (samples: LabelledSample[] | NoData) =>
    new Map(mine(samples).map(s => [keyOf(s.labels), s.value]));
  const errors = byCaller(answers.errors5xxPerSecond);
  const p99 = byCaller(answers.p99);

  const callers: MeshCaller[] = mine(answers.requestsPerSecond)
    .filter(s => s.value > 0)
    .map(s => {
      const key = keyOf(s.labels);
      const workload = s.labels[queries.sourceWorkloadLabel] || 'unknown';
      const namespace = s.labels[queries.sourceNamespaceLabel] || 'unknown';
      const errorsPerSecond = Math.min(errors.get(key) ?? 0, s.value);
      let kind: MeshCaller['kind'] = 'workload';
      if (workload === 'unknown') kind = 'unknown';
      else if (options.isGateway({ workload, namespace })) kind = 'gateway';
      const latency = p99.get(key);
      return {
        workload,
        namespace,
        kind,
        requestsPerSecond: s.value,
        successRate: 100 - (errorsPerSecond / s.value) * 100,
        latency: latency === undefined ? {} : { p99: latency },
      };
    })
    .sort(
      (a, b) =>
        b.requestsPerSecond - a.requestsPerSecond ||
        `${a.namespace}/${a.workload}`.localeCompare(
          `${b.namespace}/${b.workload}`,
        ),
    );

  const measured = {
    status: 'measured' as const,
    telemetry: queries.telemetry,
    items: callers.slice(0, limit),
    limit,
    leftOut: Math.max(0, callers.length - limit),
  };
  if (callers.length > 0) return measured;
  const served = options.workloadRequestsPerSecond ?? 0;
  return {
    ...measured,
    reason:
      served > 0
        ? `${
            queries.telemetry
          } reported no caller in ${window}, though the workload served ${served.toFixed(
            2,
          )} requests/s: is it in the mesh?`
        : `no requests in ${window}, so no callers`,
  };
}
