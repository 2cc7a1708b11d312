import { InputError } from '@backstage/errors';
import type { RolloutHistoryEntry } from '@vane/plugin-canary-common';
import type express from 'express';
import type { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import { readEntityRolloutAnalysis } from '../operations/readEntityRolloutAnalysis';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { RolloutReader } from '../readModel/RolloutReader';

/**
 * `GET /entities/:kind/:namespace/:name/rollouts/:cluster/:canaryNamespace/:canary/analysis`:
 * each analysis metric of the Canary over the current rollout, or over a past one with
 * `?history=<id>`; see readEntityRolloutAnalysis.
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
      const historyId = parseHistoryId(req.query.history);
      const { kind, namespace, name, cluster, canaryNamespace, canary } =
        req.params;
      res.json(
        await readEntityRolloutAnalysis(
          { ...options, reader },
          {
            credentials: await options.httpAuth.credentials(req),
            rollout: {
              entity: { kind, namespace, name },
              canary: { cluster, namespace: canaryNamespace, name: canary },
            },
            historyId,
          },
        ),
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
