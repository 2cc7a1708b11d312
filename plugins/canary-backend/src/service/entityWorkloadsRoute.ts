import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  canaryRolloutReadPermission,
  EntityWorkloadsResponse,
} from '@vane/plugin-canary-common';
import type express from 'express';
import { authorizedEntity } from './authorizedEntity';
import type { CanaryRouteOptions } from './CanaryRouteOptions';
import { describeCluster } from './describeCluster';
import { findEntityTargets } from '../readModel/findEntityTargets';
import { RolloutReader } from '../readModel/RolloutReader';

/**
 * `GET /entities/:kind/:namespace/:name/workloads`: the entity's Deployments per cluster, read
 * from the informer caches, for the Scaffolder's Deployment picker. Each says which Canary
 * already targets it and its container ports (the default for `service.port`).
 */
export function entityWorkloadsRoute(
  router: express.Router,
  options: CanaryRouteOptions,
): void {
  const reader = new RolloutReader(options.clusters);
  router.get('/entities/:kind/:namespace/:name/workloads', async (req, res) => {
    const entity = await authorizedEntity({
      ...options,
      credentials: await options.httpAuth.credentials(req),
      params: req.params,
      permission: canaryRolloutReadPermission,
      denied: ref => `You may not read the workloads of ${ref}`,
    });
    const inventories = reader.inventories();
    const found = findEntityTargets(entity, inventories);
    // The Scaffolder's template writes Deployment targets: its picker lists Deployments only.
    const deployments = found.workloads.filter(
      ({ workload }) => workload.kind === 'Deployment',
    );
    const providers = new Map(
      options
        .clusters()
        .map(cluster => [
          cluster.config.name,
          describeCluster(cluster).defaultProvider,
        ]),
    );
    const body: EntityWorkloadsResponse = {
      entityRef: stringifyEntityRef(entity),
      items: deployments.map(({ cluster, workload: deployment }) => {
        const namespace = deployment.metadata.namespace ?? 'default';
        const canary = inventories
          .find(inventory => inventory.name === cluster)
          ?.canaries.find(
            c =>
              c.metadata.namespace === namespace &&
              c.spec?.targetRef?.name === deployment.metadata.name,
          );
        const defaultProvider = providers.get(cluster);
        return {
          cluster,
          namespace,
          name: deployment.metadata.name,
          ports: containerPorts(deployment),
          ...(canary
            ? { canary: `${canary.metadata.namespace}/${canary.metadata.name}` }
            : {}),
          ...(defaultProvider ? { defaultProvider } : {}),
        };
      }),
      errors: found.errors,
    };
    res.json(body);
  });
}

function containerPorts(deployment: any): number[] {
  const containers: any[] = deployment.spec?.template?.spec?.containers ?? [];
  const ports = containers.flatMap(container =>
    (container.ports ?? []).map((port: any) => port.containerPort),
  );
  return [...new Set(ports.filter(port => typeof port === 'number'))];
}
