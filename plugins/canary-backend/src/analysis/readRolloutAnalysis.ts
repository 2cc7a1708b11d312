import type { MetricsFlavour } from '../meshes/MetricsFlavour';
import type {
  Canary,
  MetricSeries,
  RolloutAnalysisMetric,
  RolloutAnalysisResponse,
} from '@vane/plugin-canary-common';
import type { NoData } from '@vane/plugin-canary-node';
import type {
  LabelledSeries,
  PrometheusMetricProvider,
} from '../metrics/PrometheusMetricProvider';
import { chooseStepSeconds } from './chooseStepSeconds';
import { findFailedSamples } from './findFailedSamples';
import { planAnalysisQueries } from './planAnalysisQueries';

/** At most this many points per chart. */
const CHART_POINTS = 200;

type Prometheus = Pick<PrometheusMetricProvider, 'queryRange'>;

/**
 * The time series of every analysis metric of a Canary between `from` and `to`: the canary's
 * series, the primary's where the query can be asked of it, and the failed samples. Never
 * rejects: a metric without a series says why in `error`.
 */
export async function readRolloutAnalysis(options: {
  cluster: string;
  canary: Canary;
  metricsFlavour: MetricsFlavour;
  templateOf: (namespace: string, name: string) => any | undefined;
  /** The cluster's Prometheus (with its credentials), absent when none is configured. */
  prometheus?: Prometheus;
  /** A MetricTemplate's own `provider.address`. */
  prometheusAt: (url: string) => Prometheus;
  from: Date;
  to: Date;
}): Promise<RolloutAnalysisResponse> {
  const { canary, from, to } = options;
  const stepSeconds = chooseStepSeconds(
    (to.getTime() - from.getTime()) / 1000,
    CHART_POINTS,
  );
  const range = { start: from, end: to, stepSeconds };
  const plans = planAnalysisQueries(options);

  const metrics = await Promise.all(
    plans.map(async (plan): Promise<RolloutAnalysisMetric> => {
      const base = {
        name: plan.name,
        ...(plan.thresholdRange ? { thresholdRange: plan.thresholdRange } : {}),
      };
      const empty = (error: string): RolloutAnalysisMetric => ({
        ...base,
        canary: [],
        failed: [],
        error,
      });
      if (plan.error || !plan.canary) {
        return empty(plan.error ?? 'no query');
      }
      const prometheus = plan.address
        ? options.prometheusAt(plan.address)
        : options.prometheus;
      if (!prometheus) {
        return empty(
          `cluster ${options.cluster} has no Prometheus configured (canary.clusters[].prometheus.url)`,
        );
      }
      const [canarySeries, primarySeries] = await Promise.all([
        prometheus.queryRange(plan.canary, range),
        plan.primary ? prometheus.queryRange(plan.primary, range) : undefined,
      ]);
      if (isNoData(canarySeries)) {
        return empty(canarySeries.reason);
      }
      if (canarySeries.length > 1) {
        return empty(
          `the query returned ${canarySeries.length} series, expected one; aggregate it (sum, avg, max, ...)`,
        );
      }
      const series = onlySeries(canarySeries);
      return {
        ...base,
        canary: series,
        ...(primarySeries && !isNoData(primarySeries)
          ? { primary: onlySeries(primarySeries) }
          : {}),
        failed: findFailedSamples(series, plan.thresholdRange),
        ...(series.length === 0
          ? {
              error:
                'no data between the start and the end: was there traffic?',
            }
          : {}),
      };
    }),
  );

  return {
    cluster: options.cluster,
    namespace: canary.metadata.namespace,
    name: canary.metadata.name,
    from: from.toISOString(),
    to: to.toISOString(),
    stepSeconds,
    metrics,
  };
}

/** An analysis query aggregates to one series; several would be a template's mistake. */
function onlySeries(result: LabelledSeries[]): MetricSeries {
  return result.length === 1 ? result[0].values : [];
}

function isNoData(result: unknown): result is NoData {
  return typeof result === 'object' && result !== null && 'noData' in result;
}
