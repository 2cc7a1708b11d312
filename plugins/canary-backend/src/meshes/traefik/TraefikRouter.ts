import type { Canary } from '@vane/plugin-canary-common';
import type {
  MeshRouter,
  MeshRouterContext,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { applyRoutingObject } from '../../routers/applyRoutingObject';
import { finalizeRoutingObject } from '../../routers/finalizeRoutingObject';
import { INITIAL_ROUTES } from '../../routers/INITIAL_ROUTES';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { throwIfRefused } from '../../routers/throwIfRefused';
import {
  buildTraefikService,
  TRAEFIK_API_VERSION,
} from './buildTraefikService';
import { readTraefikServiceRoutes } from './readTraefikServiceRoutes';
import { traefikRefusals } from './traefikRefusals';

/**
 * Routes a canary through Traefik as Flagger does: a TraefikService `<apex>` weighing the primary
 * and canary Services, which the team's IngressRoute routes to; and mirroring by a mirroring
 * TraefikService. Request matching is refused (traefikRefusals): a TraefikService has none.
 */
export class TraefikRouter implements MeshRouter {
  static readonly provider = 'traefik';

  static readonly refuse = traefikRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    this.refuseUnsupported(canary);
    // Keep the weights in flight: reconcile runs on every tick, not only at initialisation.
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    await applyRoutingObject(
      this.context,
      canary,
      buildTraefikService(canary, routes),
    );
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    this.refuseUnsupported(canary);
    await applyRoutingObject(
      this.context,
      canary,
      buildTraefikService(canary, routes),
    );
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { namespace, apexName, primaryName } = readCanaryRouting(canary);
      throw new Error(
        `TraefikService ${namespace}/${apexName} in cluster ${this.context.clusterName} is missing or does not route to ${primaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const { namespace, apexName } = readCanaryRouting(canary);
    await finalizeRoutingObject(this.context, canary, {
      apiVersion: TRAEFIK_API_VERSION,
      kind: 'TraefikService',
      namespace,
      name: apexName,
    });
  }

  private refuseUnsupported(canary: Canary) {
    throwIfRefused(
      TraefikRouter.provider,
      readCanaryRouting(canary).id,
      traefikRefusals(canary),
    );
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const { namespace, apexName, primaryName, canaryName } =
      readCanaryRouting(canary);
    const current = await this.context.reader.get({
      apiVersion: TRAEFIK_API_VERSION,
      kind: 'TraefikService',
      namespace,
      name: apexName,
    });
    return current
      ? readTraefikServiceRoutes(current, { primaryName, canaryName })
      : undefined;
  }
}
