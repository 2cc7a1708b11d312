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
import { buildHttpRoute, GATEWAY_API_VERSION } from './buildHttpRoute';
import { gatewayApiRefusals } from './gatewayApiRefusals';
import { readHttpRouteRoutes } from './readHttpRouteRoutes';

/**
 * Routes a canary through a Gateway API HTTPRoute: weighted backendRefs, header and query
 * matches for A/B, and request mirroring. Works with any implementation (Envoy Gateway,
 * Contour, Istio, Linkerd 2.14+, ...).
 */
export class GatewayApiRouter implements MeshRouter {
  static readonly provider = 'gatewayapi';

  static readonly refuse = gatewayApiRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    this.refuseUnsupported(canary);
    // Keep the weights in flight: reconcile runs on every tick, not only at initialisation.
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    await applyRoutingObject(
      this.context,
      canary,
      buildHttpRoute(canary, routes),
    );
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    this.refuseUnsupported(canary);
    await applyRoutingObject(
      this.context,
      canary,
      buildHttpRoute(canary, routes),
    );
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { namespace, apexName, canaryName } = readCanaryRouting(canary);
      throw new Error(
        `HTTPRoute ${namespace}/${apexName} in cluster ${this.context.clusterName} is missing or has no backendRef to ${canaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const { namespace, apexName } = readCanaryRouting(canary);
    await finalizeRoutingObject(this.context, canary, {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      namespace,
      name: apexName,
    });
  }

  private refuseUnsupported(canary: Canary) {
    throwIfRefused(
      GatewayApiRouter.provider,
      readCanaryRouting(canary).id,
      gatewayApiRefusals(canary),
    );
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const routing = readCanaryRouting(canary);
    const current = await this.context.reader.get({
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      namespace: routing.namespace,
      name: routing.apexName,
    });
    return current ? readHttpRouteRoutes(current, routing) : undefined;
  }
}
