import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  AppliedCanaryResponse,
  CANARY_API,
  Canary,
  validateCanarySpec,
} from '@vane/plugin-canary-common';
import type express from 'express';
import { readableEntity } from './readableEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { findEntityTargets } from '../readModel/findEntityTargets';
import { RolloutReader } from '../readModel/RolloutReader';

/**
 * `GET /entities/:kind/:namespace/:name/canaries/:cluster/:canaryNamespace/:canary`: the phase
 * and reason of a Canary that targets one of the entity's Deployments. Unlike the rollouts route
 * it needs no catalog link, so the Scaffolder can wait on a Canary it has just applied while the
 * `vane.dev/canary` annotation is still a pending change.
 */
export function appliedCanaryRoute(
  router: express.Router,
  options: CanaryRouteOptions,
): void {
  const reader = new RolloutReader(options.clusters);
  router.get(
    '/entities/:kind/:namespace/:name/canaries/:cluster/:canaryNamespace/:canary',
    async (req, res) => {
      const entity = await readableEntity(
        options,
        await options.httpAuth.credentials(req),
        req.params,
      );
      const { cluster, canaryNamespace, canary: name } = req.params;
      const object = options
        .clusters()
        .find(c => c.config.name === cluster && c.synced)
        ?.cache.getNow({
          apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
          kind: CANARY_API.kind,
          namespace: canaryNamespace,
          name,
        }) as Canary | undefined;
      const targetsEntity =
        object &&
        findEntityTargets(entity, reader.inventories()).workloads.some(
          d =>
            d.cluster === cluster &&
            d.workload.kind === object.spec?.targetRef?.kind &&
            d.workload.metadata.namespace === canaryNamespace &&
            d.workload.metadata.name === object.spec?.targetRef?.name,
        );
      if (!object || !targetsEntity) {
        throw new NotFoundError(
          `No Canary ${canaryNamespace}/${name} in cluster ${cluster} targets a workload of ${stringifyEntityRef(
            entity,
          )}`,
        );
      }
      const validation = validateCanarySpec(object.spec);
      const body: AppliedCanaryResponse = {
        cluster,
        namespace: canaryNamespace,
        name,
        phase: object.status?.phase,
        reason: object.status?.reason,
        conditions: object.status?.conditions ?? [],
        specErrors: validation.valid
          ? []
          : validation.errors.map(e => e.message),
      };
      res.json(body);
    },
  );
}
