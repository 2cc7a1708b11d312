import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  CANARY_ANNOTATIONS,
  RolloutHistoryResponse,
} from '@vane/plugin-canary-common';
import type express from 'express';
import { namedEntityCanaries } from '../readModel/namedEntityCanaries';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { findEntityTargets } from '../readModel/findEntityTargets';
import { RolloutReader } from '../readModel/RolloutReader';
import { readableEntity } from './readableEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

/**
 * `GET /history?entity=kind:namespace/name&limit=&offset=`: the past (and current) rollouts of
 * the entity's Canaries from the plugin's database, newest first, and the operator actions on
 * its rollouts of other controllers (Argo Rollouts, Flagger), which keep no rows here. The Canaries are the entity's
 * as /rollouts links them, and, even once deleted, those it names in `vane.dev/canary` or (for an
 * entity linked through its Deployments) those that rolled out one of its Deployments; the
 * caller needs `canary.rollout.read` on the entity.
 */
export function historyRoute(
  router: express.Router,
  options: CanaryRouteOptions & { history?: RolloutHistoryStore },
) {
  const reader = new RolloutReader(options.clusters);

  router.get('/history', async (req, res) => {
    const query = readHistoryQuery(req.query);
    if (!options.history) {
      throw new ServiceUnavailableError(
        'The rollout history is not available: the canary plugin runs without a database',
      );
    }
    const entity = await readableEntity(
      options,
      await options.httpAuth.credentials(req),
      query.entity,
    );
    // The entity's Canaries as /rollouts links them now, and those it names, which may be gone.
    const rollouts = reader.entityRollouts(entity).items;
    const linked = rollouts
      .filter(rollout => rollout.controller === 'vane')
      .map(rollout => ({
        cluster: rollout.cluster,
        namespace: rollout.namespace,
        name: rollout.name,
      }));
    const named = namedEntityCanaries(
      entity.metadata.annotations ?? {},
      options.clusters().map(cluster => cluster.config.name),
    );
    const canaries = [
      ...new Map(
        [...linked, ...named].map(key => [
          `${key.cluster}/${key.namespace}/${key.name}`,
          key,
        ]),
      ).values(),
    ];
    // An entity linked through its workloads (no vane.dev/canary) also keeps the history of
    // Canaries deleted since: each rollout row names the workload it rolled out.
    const targets =
      entity.metadata.annotations?.[CANARY_ANNOTATIONS.canary] === undefined
        ? findEntityTargets(entity, reader.inventories()).workloads.map(
            ({ cluster, workload }) => ({
              cluster,
              namespace: workload.metadata.namespace!,
              name: workload.metadata.name,
            }),
          )
        : [];
    const page = await options.history.list({
      canaries,
      targets,
      limit: query.limit,
      offset: query.offset,
    });
    // Other controllers' rollouts keep no rows here, only the actions taken on them.
    const foreign = rollouts.filter(rollout => rollout.controller !== 'vane');
    const otherControllerActions = await options.history.listControllerActions({
      rollouts: foreign,
      limit: query.limit,
    });
    const body: RolloutHistoryResponse = {
      entityRef: stringifyEntityRef(entity),
      ...page,
      ...(foreign.length > 0 ? { otherControllerActions } : {}),
    };
    res.json(body);
  });
}

function readHistoryQuery(query: express.Request['query']): {
  entity: CompoundEntityRef;
  limit: number;
  offset: number;
} {
  const raw = query.entity;
  if (typeof raw !== 'string' || !raw.trim()) {
    throw new InputError(
      'The query parameter entity is required: the entity whose rollout history to read, as kind:namespace/name',
    );
  }
  let entity: CompoundEntityRef;
  try {
    entity = parseEntityRef(raw.trim());
  } catch (error) {
    throw new InputError(
      `The query parameter entity must be an entity ref such as component:default/podinfo (got "${raw}"): ${
        (error as Error).message
      }`,
    );
  }
  return {
    entity,
    limit: readCount(query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: readCount(query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function readCount(
  raw: unknown,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(
      `The query parameter ${name} must be a whole number between ${min} and ${max} (got "${String(
        raw,
      )}")`,
    );
  }
  return value;
}
