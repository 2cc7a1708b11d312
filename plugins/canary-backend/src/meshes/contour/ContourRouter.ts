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
import { buildHttpProxy, CONTOUR_API_VERSION } from './buildHttpProxy';
import { contourRefusals } from './contourRefusals';
import { readHttpProxyRoutes } from './readHttpProxyRoutes';

/**
 * Routes a canary through a Contour HTTPProxy (projectcontour.io/v1), as Flagger's contour
 * provider: weighted primary and canary Services, header conditions for A/B, and mirroring,
 * in an HTTPProxy that your root HTTPProxy (the one with the fqdn) includes.
 */
export class ContourRouter implements MeshRouter {
  static readonly provider = 'contour';

  static readonly refuse = contourRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    // Keep the weights in flight: the routes follow the spec whenever it is reconciled.
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    await applyRoutingObject(
      this.context,
      canary,
      buildHttpProxy(canary, routes),
    );
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    await applyRoutingObject(
      this.context,
      canary,
      buildHttpProxy(canary, routes),
    );
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { namespace, apexName, primaryName, canaryName } =
        readCanaryRouting(canary);
      throw new Error(
        `HTTPProxy ${namespace}/${apexName} in cluster ${this.context.clusterName} is missing or its first route has no Services ${primaryName} and ${canaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const { namespace, apexName } = readCanaryRouting(canary);
    await finalizeRoutingObject(this.context, canary, {
      apiVersion: CONTOUR_API_VERSION,
      kind: 'HTTPProxy',
      namespace,
      name: apexName,
    });
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const { namespace, apexName, primaryName, canaryName } =
      readCanaryRouting(canary);
    const current = await this.context.reader.get({
      apiVersion: CONTOUR_API_VERSION,
      kind: 'HTTPProxy',
      namespace,
      name: apexName,
    });
    return current
      ? readHttpProxyRoutes(current, { primaryName, canaryName })
      : undefined;
  }
}
