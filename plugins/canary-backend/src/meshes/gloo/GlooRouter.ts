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
  buildGlooRouteTable,
  GLOO_GATEWAY_API_VERSION,
} from './buildGlooRouteTable';
import {
  buildGlooUpstream,
  GLOO_UPSTREAM_API_VERSION,
} from './buildGlooUpstream';
import { glooRefusals } from './glooRefusals';
import { glooUpstreamName } from './glooUpstreamName';
import { readGlooRouteTableRoutes } from './readGlooRouteTableRoutes';

/**
 * Routes a canary through Gloo Edge as Flagger does: an Upstream for each of the primary and
 * canary Services and a RouteTable `<apex>` weighing them, which the team's Gloo VirtualService
 * delegates to (`delegateAction`); header matches for A/B and Argo Rollouts' header routes,
 * and mirroring by Gloo's shadowing.
 */
export class GlooRouter implements MeshRouter {
  static readonly provider = 'gloo';

  static readonly refuse = glooRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    this.refuseUnsupported(canary);
    // The Upstreams first: a RouteTable naming a missing Upstream is rejected by Gloo.
    await applyRoutingObject(
      this.context,
      canary,
      buildGlooUpstream(canary, 'primary'),
    );
    await applyRoutingObject(
      this.context,
      canary,
      buildGlooUpstream(canary, 'canary'),
    );
    // Keep the weights in flight: reconcile runs on every tick, not only at initialisation.
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    await applyRoutingObject(
      this.context,
      canary,
      buildGlooRouteTable(canary, routes),
    );
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    this.refuseUnsupported(canary);
    await applyRoutingObject(
      this.context,
      canary,
      buildGlooRouteTable(canary, routes),
    );
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const routing = readCanaryRouting(canary);
      throw new Error(
        `RouteTable ${routing.namespace}/${routing.apexName} in cluster ${
          this.context.clusterName
        } is missing or has no route to Upstream ${glooUpstreamName(
          routing,
          'canary',
        )}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const routing = readCanaryRouting(canary);
    const { namespace } = routing;
    await finalizeRoutingObject(this.context, canary, {
      apiVersion: GLOO_GATEWAY_API_VERSION,
      kind: 'RouteTable',
      namespace,
      name: routing.apexName,
    });
    for (const role of ['primary', 'canary'] as const) {
      await finalizeRoutingObject(this.context, canary, {
        apiVersion: GLOO_UPSTREAM_API_VERSION,
        kind: 'Upstream',
        namespace,
        name: glooUpstreamName(routing, role),
      });
    }
  }

  private refuseUnsupported(canary: Canary) {
    throwIfRefused(
      GlooRouter.provider,
      readCanaryRouting(canary).id,
      glooRefusals(canary),
    );
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const routing = readCanaryRouting(canary);
    const current = await this.context.reader.get({
      apiVersion: GLOO_GATEWAY_API_VERSION,
      kind: 'RouteTable',
      namespace: routing.namespace,
      name: routing.apexName,
    });
    return current
      ? readGlooRouteTableRoutes(current, {
          primaryUpstream: glooUpstreamName(routing, 'primary'),
          canaryUpstream: glooUpstreamName(routing, 'canary'),
        })
      : undefined;
  }
}
