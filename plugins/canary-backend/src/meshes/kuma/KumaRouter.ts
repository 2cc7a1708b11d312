import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectRef,
  MeshRouter,
  MeshRouterContext,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { applyRoutingObject } from '../../routers/applyRoutingObject';
import { finalizeRoutingObject } from '../../routers/finalizeRoutingObject';
import { INITIAL_ROUTES } from '../../routers/INITIAL_ROUTES';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import {
  buildTrafficRoute,
  KUMA_API_VERSION,
  kumaService,
  trafficRouteName,
} from './buildTrafficRoute';
import { kumaRefusals } from './kumaRefusals';
import { readTrafficRouteRoutes } from './readTrafficRouteRoutes';

/**
 * Routes a canary through Kuma: a TrafficRoute (kuma.io/v1alpha1, Flagger's kuma) splitting the
 * apex service between primary and canary by their `kuma.io/service` tags, with http sections for
 * A/B and Argo Rollouts' setHeaderRoute (buildTrafficRoute). What a TrafficRoute cannot carry is
 * refused (kumaRefusals) before anything is written.
 */
export class KumaRouter implements MeshRouter {
  static readonly provider = 'kuma';

  static readonly refuse = kumaRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    // Keep the weights in flight: reconcile runs on every tick, not only at initialisation.
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    await applyRoutingObject(
      this.context,
      canary,
      buildTrafficRoute(canary, routes),
    );
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    await applyRoutingObject(
      this.context,
      canary,
      buildTrafficRoute(canary, routes),
    );
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { apexName, namespace, primaryName, canaryName } =
        readCanaryRouting(canary);
      throw new Error(
        `TrafficRoute ${trafficRouteName(apexName, namespace)} in cluster ${
          this.context.clusterName
        } is missing or splits to neither ${primaryName} nor ${canaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    await finalizeRoutingObject(this.context, canary, this.ref(canary));
  }

  private ref(canary: Canary): KubernetesObjectRef {
    const { apexName, namespace } = readCanaryRouting(canary);
    return {
      apiVersion: KUMA_API_VERSION,
      kind: 'TrafficRoute',
      // Cluster-scoped.
      namespace: '',
      name: trafficRouteName(apexName, namespace),
    };
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const { namespace, primaryName, canaryName, port } =
      readCanaryRouting(canary);
    const current = await this.context.reader.get(this.ref(canary));
    return current
      ? readTrafficRouteRoutes(current, {
          primary: kumaService(primaryName, namespace, port)['kuma.io/service'],
          canary: kumaService(canaryName, namespace, port)['kuma.io/service'],
        })
      : undefined;
  }
}
