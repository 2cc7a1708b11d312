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
import { buildTrafficSplit, SMI_API_VERSION } from './buildTrafficSplit';
import { readTrafficSplitRoutes } from './readTrafficSplitRoutes';
import { smiRefusals } from './smiRefusals';

/**
 * Routes a canary through an SMI TrafficSplit (Linkerd with its SMI extension, OSM): weights
 * only. What a TrafficSplit cannot carry (A/B matches, mirroring, route options) is refused
 * (smiRefusals) before anything is written.
 */
export class SmiRouter implements MeshRouter {
  static readonly provider = 'smi';

  static readonly refuse = smiRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    await applyRoutingObject(
      this.context,
      canary,
      buildTrafficSplit(canary, routes),
    );
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    await applyRoutingObject(
      this.context,
      canary,
      buildTrafficSplit(canary, routes),
    );
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { namespace, apexName, primaryName, canaryName } =
        readCanaryRouting(canary);
      throw new Error(
        `TrafficSplit ${namespace}/${apexName} in cluster ${this.context.clusterName} is missing or has no backends ${primaryName} and ${canaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const { namespace, apexName } = readCanaryRouting(canary);
    await finalizeRoutingObject(this.context, canary, {
      apiVersion: SMI_API_VERSION,
      kind: 'TrafficSplit',
      namespace,
      name: apexName,
    });
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const { namespace, apexName, primaryName, canaryName } =
      readCanaryRouting(canary);
    const current = await this.context.reader.get({
      apiVersion: SMI_API_VERSION,
      kind: 'TrafficSplit',
      namespace,
      name: apexName,
    });
    return current
      ? readTrafficSplitRoutes(current, { primaryName, canaryName })
      : undefined;
  }
}
