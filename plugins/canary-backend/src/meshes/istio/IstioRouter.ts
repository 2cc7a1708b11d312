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
import { buildIstioObjects, ISTIO_API_VERSION } from './buildIstioObjects';
import { istioRefusals } from './istioRefusals';
import { readIstioRoutes } from './readIstioRoutes';

/**
 * Routes a canary through Istio: a VirtualService with weighted, A/B (header and cookie matches)
 * and mirrored routes, and one DestinationRule per subset Service.
 */
export class IstioRouter implements MeshRouter {
  static readonly provider = 'istio';

  static readonly refuse = istioRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    this.refuseUnsupported(canary);
    // Keep the weights in flight: reconcile runs on every tick, not only at initialisation.
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    const objects = buildIstioObjects(canary, routes);
    for (const rule of objects.destinationRules) {
      await applyRoutingObject(this.context, canary, rule);
    }
    await applyRoutingObject(this.context, canary, objects.virtualService);
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    this.refuseUnsupported(canary);
    const { virtualService } = buildIstioObjects(canary, routes);
    await applyRoutingObject(this.context, canary, virtualService);
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { namespace, apexName, primaryName, canaryName } =
        readCanaryRouting(canary);
      throw new Error(
        `VirtualService ${namespace}/${apexName} in cluster ${this.context.clusterName} is missing or has no route to ${primaryName} and ${canaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const { namespace, apexName, primaryName, canaryName } =
      readCanaryRouting(canary);
    const ref = (kind: string, name: string) => ({
      apiVersion: ISTIO_API_VERSION,
      kind,
      namespace,
      name,
    });
    await finalizeRoutingObject(
      this.context,
      canary,
      ref('VirtualService', apexName),
    );
    for (const name of [primaryName, canaryName]) {
      await finalizeRoutingObject(
        this.context,
        canary,
        ref('DestinationRule', name),
      );
    }
  }

  private refuseUnsupported(canary: Canary) {
    throwIfRefused(
      IstioRouter.provider,
      readCanaryRouting(canary).id,
      istioRefusals(canary),
    );
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const routing = readCanaryRouting(canary);
    const current = await this.context.reader.get({
      apiVersion: ISTIO_API_VERSION,
      kind: 'VirtualService',
      namespace: routing.namespace,
      name: routing.apexName,
    });
    return current ? readIstioRoutes(current, routing) : undefined;
  }
}
