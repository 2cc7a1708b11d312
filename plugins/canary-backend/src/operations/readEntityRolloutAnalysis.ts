import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  Canary,
  CANARY_API,
  RolloutAnalysisResponse,
  RolloutHistoryEntry,
} from '@vane/plugin-canary-common';
import { chooseAnalysisRange } from '../analysis/chooseAnalysisRange';
import { metricsFlavourOf } from '../analysis/metricsFlavourOf';
import { readRolloutAnalysis } from '../analysis/readRolloutAnalysis';
import type { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import { readableEntity } from '../service/readableEntity';
import type { RolloutReader } from '../readModel/RolloutReader';
import type { CanaryOperationOptions } from './CanaryOperationOptions';
import type { RolloutAddress } from './RolloutAddress';

/**
 * Each analysis metric of one of an entity's Canaries over the current rollout (from its start to
 * now), or over a past one from the history (its start to its end), from Prometheus range
 * queries: `GET .../rollouts/:cluster/:canaryNamespace/:canary/analysis` and the actions
 * registry's get-rollout-analysis. Needs canary.rollout.read on the entity; a Canary that is not
 * the entity's is a 404.
 */
export async function readEntityRolloutAnalysis(
  options: CanaryOperationOptions & {
    reader: RolloutReader;
    prometheusAt: (url: string) => PrometheusMetricProvider;
    /** A past rollout from the history store; absent when the plugin keeps no history. */
    historyById?: (id: number) => Promise<RolloutHistoryEntry | undefined>;
  },
  input: {
    credentials: BackstageCredentials;
    rollout: RolloutAddress;
    /** A past rollout's id in the history; the current rollout when absent. */
    historyId?: number;
  },
): Promise<RolloutAnalysisResponse> {
  const {
    cluster: clusterName,
    namespace: canaryNamespace,
    name,
  } = input.rollout.canary;
  const { historyId } = input;
  const entity = await readableEntity(
    options,
    input.credentials,
    input.rollout.entity,
  );
  const entityRef = stringifyEntityRef(entity);
  const rollout = options.reader
    .entityRollouts(entity)
    .items.find(
      r =>
        r.cluster === clusterName &&
        r.namespace === canaryNamespace &&
        r.name === name,
    );
  const cluster = options.clusters().find(c => c.config.name === clusterName);
  const canary = cluster?.cache.getNow({
    apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
    kind: CANARY_API.kind,
    namespace: canaryNamespace,
    name,
  }) as unknown as Canary | undefined;
  if (!rollout || !cluster || !canary) {
    throw new NotFoundError(
      `Canary ${canaryNamespace}/${name} in cluster ${clusterName} is not a rollout of ${entityRef}`,
    );
  }

  let span: { startedAt?: string; endedAt?: string } = {
    startedAt: rollout.status.startedAt,
  };
  if (historyId !== undefined) {
    const past = await options.historyById?.(historyId);
    if (
      !past ||
      past.cluster !== clusterName ||
      past.namespace !== canaryNamespace ||
      past.name !== name
    ) {
      throw new NotFoundError(
        `No past rollout ${historyId} of Canary ${canaryNamespace}/${name} in cluster ${clusterName} in the history`,
      );
    }
    span = { startedAt: past.startedAt, endedAt: past.endedAt };
  }
  const { from, to } = chooseAnalysisRange({
    now: new Date(),
    ...span,
    lastTransitionTime: rollout.status.lastTransitionTime,
  });

  return readRolloutAnalysis({
    cluster: clusterName,
    canary,
    metricsFlavour: metricsFlavourOf(cluster, canary.spec?.provider),
    templateOf: (namespace, templateName) =>
      cluster.cache.getNow({
        apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
        kind: 'MetricTemplate',
        namespace,
        name: templateName,
      }),
    prometheus: cluster.prometheus,
    prometheusAt: options.prometheusAt,
    from,
    to,
  });
}
