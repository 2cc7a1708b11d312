import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Canary,
  CANARY_API,
  RolloutHistoryEntry,
} from '@vane/plugin-canary-common';
import type express from 'express';
import { chooseAnalysisRange } from '../analysis/chooseAnalysisRange';
import { metricsFlavourOf } from '../analysis/metricsFlavourOf';
import { readRolloutAnalysis } from '../analysis/readRolloutAnalysis';
import type { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import { readableEntity } from './readableEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { RolloutReader } from '../readModel/RolloutReader';

/**
 * `GET /entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/analysis`:
 * each analysis metric of the Canary over the current rollout (from its start to now), or over a
 * past one with `?history=<id>` (its start to its end), from Prometheus range queries. Reads need
 * `canary.rollout.read` on the entity; a Canary that is not the entity's is a 404.
 */
export function rolloutAnalysisRoute(
  router: express.Router,
  options: CanaryRouteOptions & {
    prometheusAt: (url: string) => PrometheusMetricProvider;
    /** A past rollout from the history store; absent when the plugin keeps no history. */
    historyById?: (id: number) => Promise<RolloutHistoryEntry | undefined>;
  },
): void {
  const reader = new RolloutReader(options.clusters);
  router.get(
    '/entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/analysis',
    async (req, res) => {
      const {
        cluster: clusterName,
        canaryNamespace,
        canary: name,
      } = req.params;
      const historyId = parseHistoryId(req.query.history);
      const entity = await readableEntity(options, req, req.params);
      const entityRef = stringifyEntityRef(entity);
      const rollout = reader
        .entityRollouts(entity)
        .items.find(
          r =>
            r.cluster === clusterName &&
            r.namespace === canaryNamespace &&
            r.name === name,
        );
      const cluster = options
        .clusters()
        .find(c => c.config.name === clusterName);
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

      res.json(
        await readRolloutAnalysis({
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
        }),
      );
    },
  );
}

/** `?history=` names a past rollout by its numeric id. */
function parseHistoryId(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,14}$/.test(value)) {
    throw new InputError(
      `history must be the id of a past rollout, a positive whole number from GET /history (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return Number(value);
}
